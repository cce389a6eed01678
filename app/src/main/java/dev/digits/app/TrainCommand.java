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
import dev.digits.train.training.Recipe;
import dev.digits.train.training.ResumedRun;
import dev.digits.model.nn.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    TrainingArguments training;

    @Option(names = "--seed", defaultValue = "" + TrainingOptions.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "Train one model per seed, such as 1,2,3,4, into seed-N of the output folder (-o; with"
                    + " --seeds, models/members unless given): the members of an ensemble, as tasks of a Spark cluster"
                    + " with --master (digits-spark train).")
    List<Long> seeds;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --seeds: the Spark cluster (spark://HOST:PORT, or local[N]) whose executors train the"
                    + " members (default: local[*], one at a time).")
    String master;

    @Option(names = "--resume",
            description = "Continue the run whose checkpoints are in the output folder, after its last finished epoch"
                    + " (its batch size, learning rate, seed, limits, validation images, augmentation and schedule are kept).")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        if (seeds != null) {
            if (resume || given("--seed")) {
                throw new IllegalArgumentException("--seeds trains a member per seed: give it without --seed and --resume");
            }
            return SparkCommands.run(spec);
        }
        if (master != null) {
            throw new IllegalArgumentException("--master trains on a Spark cluster the members that --seeds names;"
                    + " give --seeds 1,2,3");
        }
        TrainingOptions options;
        if (resume) {
            Optional<Hyperparameters> saved = ResumedRun.hyperparameters(output);
            saved.ifPresent(this::refuseOptionsThatDifferFrom);
            // A resumed run keeps its checkpoint's options (the trainer reads them) but for the epochs to reach.
            Recipe base = training.recipe != null ? training.recipe
                    : saved.map(ResumedRun::recipeOf).orElse(Recipe.DEFAULT);
            options = TrainingOptions.builder(base, output).architecture(training.architecture)
                    .epochs(training.epochs != null ? training.epochs : base.epochs()).seed(seed)
                    .dataDir(training.dataDir).resume(true).charts(!training.noCharts).build();
        } else {
            options = training.options(output, seed);
        }
        // Engine first: a bad engine or device fails before any data is fetched.
        DigitTrainer trainer = new DigitTrainer(EngineRuntime.activateFromEnvironment());
        MnistFiles data = MnistFiles.fromFolderOrCache(training.dataDir);
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
        differs(differ, "--batch-size", training.batchSize, run.batchSize());
        differs(differ, "--learning-rate", training.learningRate, run.learningRate());
        differs(differ, "--validation-images", training.validationImages, run.validationImages());
        differs(differ, "--augment", training.augmentation == null ? null : training.augmentation.toString(), run.augmentation());
        differs(differ, "--schedule", training.schedule == null ? null : training.schedule.toString(), run.learningRateSchedule());
        differs(differ, "--seed", given("--seed") ? seed : null, run.seed());
        differs(differ, "--train-limit", given("--train-limit") ? training.trainLimit : null,
                run.trainImages() + run.validationImages());
        differs(differ, "--test-limit", given("--test-limit") ? training.testLimit : null, run.testImages());
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
