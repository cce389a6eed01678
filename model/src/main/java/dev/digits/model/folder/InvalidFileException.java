package dev.digits.model.folder;

/**
 * A file that is missing, unreadable or not what it should be, named in the message. An input
 * problem (exit code 1 on the command lines), as any {@link IllegalArgumentException}.
 */
public class InvalidFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidFileException(String message) {
        super(message);
    }
}
