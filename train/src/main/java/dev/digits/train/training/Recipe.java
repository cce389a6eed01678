package dev.digits.train.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.digits.model.nn.Architecture;
import dev.digits.train.augment.Augmentation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A named training recipe: the defaults of every option that shapes what is learned. Each option
 * given on the command line overrides its recipe's value.
 *
 * @param id the name {@code train --recipe} takes
 * @param architecture the network
 * @param epochs epochs to train
 * @param batchSize images per batch
 * @param learningRate Adam's (base) learning rate
 * @param validationImages training images held out to validate on (0: the test images validate)
 * @param augmentation the random distortion of each training image
 * @param schedule how the learning rate moves
 */
public record Recipe(
        String id,
        Architecture architecture,
        int epochs,
        int batchSize,
        double learningRate,
        int validationImages,
        Augmentation augmentation,
        LearningRateSchedule schedule) {

    /** The seed's recipe, reproduced as the reference has it: the default. */
    public static final Recipe SEED = new Recipe("seed", Architecture.SEED_CNN, 10, 128, 0.001, 0,
            Augmentation.NONE, LearningRateSchedule.CONSTANT);

    /**
     * The stronger recipe: a network with batch normalisation that trains twice as many images
     * per second as the seed's, each image distorted afresh every epoch, a cosine rate after a warm-up, and
     * the epochs that speed pays for; validated on 5,000 training images held out, so the test images
     * are read once, at the end. Its choices were made on that held-out split.
     */
    public static final Recipe AUGMENTED = new Recipe("augmented", Architecture.STRIDED_CNN, 30, 128, 0.001,
            5000, Augmentation.STANDARD, new LearningRateSchedule(true, 1));

    /**
     * The augmented recipe whose images are also made to look like those people upload (the
     * looks of {@link Augmentation#ROBUST}): thinner and thicker strokes, blur, low resolution,
     * faint ink, grain, specks, gaps; and with touching pairs, which it learns to doubt, so that the
     * number reader cuts them. What digits-serve recommends for reading real images.
     */
    public static final Recipe ROBUST = new Recipe("robust", Architecture.STRIDED_CNN, 30, 128, 0.001,
            5000, Augmentation.ROBUST, new LearningRateSchedule(true, 1));

    private static final Recipe[] ALL = {SEED, AUGMENTED, ROBUST};

    public static final Recipe DEFAULT = SEED;

    /**
     * The recipe with this name.
     *
     * @throws IllegalArgumentException naming the recipes there are
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Recipe parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(ALL).filter(recipe -> recipe.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown recipe '" + name + "'; choose one of " + ids()));
    }

    /** Every recipe, the default first. */
    public static java.util.List<Recipe> all() {
        return java.util.List.of(ALL);
    }

    public static String ids() {
        return Arrays.stream(ALL).map(Recipe::id).collect(Collectors.joining(", "));
    }

    /** Its name, as {@code --recipe} and the files that record a recipe spell it. */
    @JsonValue
    @Override
    public String toString() {
        return id;
    }
}
