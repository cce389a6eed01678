package dev.digits.model.folder;

/** A model folder or one of its files is missing or unreadable; the message names the file. */
public class ModelFolderException extends RuntimeException {

    public ModelFolderException(String message) {
        super(message);
    }

    public ModelFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
