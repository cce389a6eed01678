package dev.digits.train.predict;

import dev.digits.model.inference.DigitImages;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.InvalidImageException;
import dev.digits.model.inference.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads image files through a recognizer, a batch at a time: the files of a batch are decoded,
 * and those that hold a digit share one forward pass. A file that cannot be read gets its error;
 * the others are read all the same.
 */
public final class FileReader {

    /** Files larger than this are not read into memory: 64 MiB. */
    public static final long MAX_FILE_BYTES = 64L << 20;

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
                pixels.add(DigitImages.toMnistPixels(DigitImages.decode(bytes(file), maxPixels)));
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

    private static byte[] bytes(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "no such file or folder");
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidImageException(InvalidImageException.Reason.TOO_LARGE, "the file is " + size
                        + " bytes; at most " + MAX_FILE_BYTES + " are read");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE,
                    "cannot read the file: " + e.getMessage(), e);
        }
    }
}
