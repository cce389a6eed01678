package dev.digits.model.image;

/** An input the recognizer cannot read as a digit; the message says why, for the person who sent it. */
public class InvalidImageException extends IllegalArgumentException {

    /** Why the input was refused. */
    public enum Reason {
        /** Not an image, or not one the decoder can read. */
        NOT_AN_IMAGE,
        /** Larger than the configured limit. */
        TOO_LARGE,
        /** Pixels that are not 784 finite numbers in [0, 1]. */
        BAD_PIXELS,
        /** No ink: a uniform image or all-zero pixels, with no digit to read. */
        BLANK
    }

    private final Reason reason;

    public InvalidImageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidImageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
