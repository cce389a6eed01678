package dev.digits.serve;

/**
 * The server failed to answer a valid request, for example because the engine failed. Answered
 * 500 with the id under which the cause and its stack trace are logged; the client gets neither.
 */
final class ServerFailure extends RuntimeException {

    final String id;

    ServerFailure(String id, Throwable cause) {
        super("the server failed to answer (id " + id + ")", cause);
        this.id = id;
    }

    /** A short id to find the failure in the log. */
    static String newId() {
        return Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }
}
