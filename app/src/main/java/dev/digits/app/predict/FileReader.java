package dev.digits.app.predict;

import dev.digits.model.image.ImageDecoder;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.image.InvalidImageException;
import dev.digits.model.inference.Reading;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads image files through a recognizer, a batch at a time: the files of a batch that hold a
 * digit share one forward pass; a file that cannot be read gets its error ({@link DigitRecognizer#readEach}).
 */
public final class FileReader {

    private final DigitRecognizer recognizer;
    private final long maxPixels;

    public FileReader(DigitRecognizer recognizer, long maxPixels) {
        this.recognizer = recognizer;
        this.maxPixels = maxPixels;
    }

    /** The answers for a batch of files, in their order. */
    public List<FileAnswer> read(List<Path> files) {
        List<DigitRecognizer.ImageSource> images = new ArrayList<>(files.size());
        for (Path file : files) {
            images.add(() -> ImageDecoder.read(file, maxPixels));
        }
        List<Reading> readings = recognizer.readEach(images);
        List<FileAnswer> answers = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Reading reading = readings.get(i);
            answers.add(reading.ok() ? FileAnswer.read(files.get(i), reading.prediction())
                    : FileAnswer.failed(files.get(i), reading.error()));
        }
        return answers;
    }

    /** The numbers in a batch of files, in their order: a forward pass per file, of its candidate digits. */
    public List<FileAnswer> readNumbers(List<Path> files) {
        List<FileAnswer> answers = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                answers.add(FileAnswer.read(file, recognizer.readNumber(() -> ImageDecoder.read(file, maxPixels))));
            } catch (InvalidImageException e) {
                answers.add(FileAnswer.failed(file, e.getMessage()));
            }
        }
        return answers;
    }
}
