package dev.digits.model.inference;

/** No predictor came free within the recognizer's wait: every one was busy. */
public final class RecognizerBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecognizerBusyException(String message) {
        super(message);
    }
}
