package dev.digits.train.data;

/** The MNIST files cannot be found, fetched or read; the message names the file and the problem. */
public class MnistDataException extends RuntimeException {

    public MnistDataException(String message) {
        super(message);
    }

    public MnistDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
