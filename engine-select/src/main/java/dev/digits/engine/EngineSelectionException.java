package dev.digits.engine;

/**
 * The engine or device a user asked for cannot be used. The message is written for the person
 * who chose it: what was asked, what is available, and how to choose again.
 */
public class EngineSelectionException extends RuntimeException {

    public EngineSelectionException(String message) {
        super(message);
    }

    public EngineSelectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
