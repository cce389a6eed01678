package dev.digits.model.inference;

/**
 * The engine failed to run a forward pass on valid input: a fault of the engine or the machine,
 * not of the caller's images. The cause holds the engine's own error.
 */
public class PredictionFailedException extends RuntimeException {

    public PredictionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
