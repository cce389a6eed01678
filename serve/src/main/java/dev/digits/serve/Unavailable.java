package dev.digits.serve;

/**
 * The server cannot take the request now but will later: it is overloaded ({@code busy}) or
 * stopping ({@code stopping}). Answered 503 with a {@code Retry-After} header.
 */
final class Unavailable extends RuntimeException {

    /** Why the request was not answered. */
    enum Reason {
        BUSY("busy", 1),
        // A load balancer should send the client elsewhere meanwhile.
        STOPPING("stopping", 5);

        final String type;
        /** Seconds a client should wait before it tries again: the Retry-After header. */
        final int retryAfterSeconds;

        Reason(String type, int retryAfterSeconds) {
            this.type = type;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    final Reason reason;

    Unavailable(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    static Unavailable busy(String message) {
        return new Unavailable(Reason.BUSY, message);
    }

    static Unavailable stopping() {
        return new Unavailable(Reason.STOPPING, "the server is stopping; try again on a running one");
    }
}
