package dev.digits.train.predict;

import dev.digits.model.inference.DigitImages;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.InvalidImageException;
import dev.digits.model.inference.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads image files through a recognizer, a batch at a time: the files of a batch are decoded,
 * and those that hold a digit share one forward pass. A file that cannot be read gets its error;
 * the others are read all the same.
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
        List<FileAnswer> answers = new ArrayList<>(files.size());
        List<Integer> readable = new ArrayList<>();
        List<float[]> pixels = new ArrayList<>();
        for (Path file : files) {
            try {
                pixels.add(DigitImages.toMnistPixels(DigitImages.read(file, maxPixels)));
                readable.add(answers.size());
                answers.add(null);
            } catch (InvalidImageException e) {
                answers.add(FileAnswer.failed(file, e.getMessage()));
            }
        }
        List<Prediction> predictions = recognizer.predictPixels(pixels);
        for (int i = 0; i < readable.size(); i++) {
            int index = readable.get(i);
            answers.set(index, FileAnswer.read(files.get(index), predictions.get(i)));
        }
        return answers;
    }
}
