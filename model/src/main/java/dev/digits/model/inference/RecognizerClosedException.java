package dev.digits.model.inference;

/** The recognizer was closed before or while a call waited for it; nothing was predicted. */
public class RecognizerClosedException extends IllegalStateException {

    public RecognizerClosedException(String message) {
        super(message);
    }
}
