package dev.digits.app.predict;

import dev.digits.model.inference.NumberReading;
import dev.digits.model.inference.Prediction;
import java.nio.file.Path;

/**
 * What {@code digits predict} says about one file: the digit or the number read, or why none was.
 *
 * @param file the file as named or found
 * @param prediction the digit and its probabilities, or null
 * @param number the number read ({@code --numbers}), or null
 * @param error why the file could not be read, or null
 */
public record FileAnswer(Path file, Prediction prediction, NumberReading number, String error) {

    public static FileAnswer read(Path file, Prediction prediction) {
        return new FileAnswer(file, prediction, null, null);
    }

    public static FileAnswer read(Path file, NumberReading number) {
        return new FileAnswer(file, null, number, null);
    }

    public static FileAnswer failed(Path file, String error) {
        return new FileAnswer(file, null, null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
