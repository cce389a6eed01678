package dev.digits.model.folder;

/**
 * The training recipe of a model.
 *
 * @param epochs epochs trained
 * @param batchSize images per batch
 * @param learningRate Adam's learning rate
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's epsilon
 * @param seed the random seed
 * @param trainImages training images used (60,000 for the full set)
 * @param testImages test images used for evaluation (10,000 for the full set), and for validation
 *     after each epoch when no training images are held out
 * @param validationImages training images held out of training to validate on after each epoch
 *     (not counted in {@code trainImages}); 0: the test images validate, as in the reference
 * @param augmentation the random distortion of each training image, as {@code train --augment}
 *     reads it ({@code none}, or its bounds); absent in models trained before it existed, which
 *     had none, and read as {@value #NO_AUGMENTATION}
 * @param learningRateSchedule how the learning rate moved ({@code constant}, or {@code cosine}
 *     with its warm-up), as {@code train --schedule} reads it; absent in models trained before it
 *     existed, which kept it constant, and read as {@value #CONSTANT_RATE}
 * @param recipe the recipe the run started from, as {@code train --recipe} names it (options given
 *     beside it are the fields above); absent in models trained before recipes existed, which
 *     followed the seed's, and read as {@value #FIRST_RECIPE}
 */
public record Hyperparameters(
        int epochs,
        int batchSize,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        long seed,
        int trainImages,
        int testImages,
        int validationImages,
        String augmentation,
        String learningRateSchedule,
        String recipe) {

    /** What a model trained before augmentation was recorded had. */
    public static final String NO_AUGMENTATION = "none";
    /** What a model trained before schedules were recorded had. */
    public static final String CONSTANT_RATE = "constant";
    /** The recipe of a model trained before recipes were recorded. */
    public static final String FIRST_RECIPE = "seed";

    /** Older models' missing values are resolved here, once, as the files are read. */
    public Hyperparameters {
        augmentation = augmentation == null ? NO_AUGMENTATION : augmentation;
        learningRateSchedule = learningRateSchedule == null ? CONSTANT_RATE : learningRateSchedule;
        recipe = recipe == null ? FIRST_RECIPE : recipe;
    }
}
