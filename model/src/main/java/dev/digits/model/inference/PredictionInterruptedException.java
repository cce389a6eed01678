package dev.digits.model.inference;

/**
 * The calling thread was interrupted while it waited for a predictor; its interrupt flag is set
 * again and nothing was predicted.
 */
public class PredictionInterruptedException extends RuntimeException {

    public PredictionInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
