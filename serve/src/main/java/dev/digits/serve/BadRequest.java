package dev.digits.serve;

/** A client mistake, answered with its status and {@link ApiError} type. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String type;

    BadRequest(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static BadRequest tooLarge(String message) {
        return new BadRequest(413, "too_large", message);
    }
}
