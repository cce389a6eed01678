package dev.digits.cli;

import dev.digits.model.inference.DigitRecognizer;
import picocli.CommandLine.Option;

/** How the commands that read many images batch them and what they refuse: one set of options. */
public final class BatchReadingOptions {

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
            description = "Images per forward pass, 1 to 1024 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-pixels", defaultValue = "" + DigitRecognizer.DEFAULT_MAX_PIXELS, paramLabel = "N",
            description = "Largest image in pixels, refused before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    /**
     * @throws IllegalArgumentException naming the option whose value is out of range
     */
    public BatchReadingOptions check() {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("--batch-size must be between 1 and 1024, got " + batchSize);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be at least 1, got " + maxPixels);
        }
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    public long maxPixels() {
        return maxPixels;
    }
}
