package examples;

import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;

public class ReadDigit {
    public static void main(String[] args) throws Exception {
        try (DigitRecognizer recognizer = DigitRecognizer.load(Path.of(args[0]))) {
            Prediction p = recognizer.predict(Files.readAllBytes(Path.of(args[1])));
            System.out.printf("%d (%.1f%%)%n", p.digit(), p.confidence() * 100);
        }
    }
}
