package dev.digits.cli;

import dev.digits.model.inference.DigitRecognizer;
import picocli.CommandLine.Option;

/** How the commands that read many images batch them and what they refuse: one set of options. */
public final class BatchReadingOptions {

    /** Images per forward pass unless told. */
    public static final int DEFAULT_BATCH = 64;
    /** The most images in one forward pass. */
    public static final int MAX_BATCH = 1024;

    @Option(names = "--batch-size", defaultValue = "" + DEFAULT_BATCH, paramLabel = "N",
            description = "Images per forward pass, 1 to 1024 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-pixels", defaultValue = "" + DigitRecognizer.DEFAULT_MAX_PIXELS, paramLabel = "N",
            description = "Largest image in pixels, refused before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    /**
     * @throws IllegalArgumentException naming the option whose value is out of range
     */
    public BatchReadingOptions check() {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("--batch-size must be between 1 and " + MAX_BATCH + ", got " + batchSize);
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
