package dev.digits.app;

import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.EngineRuntime;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.DigitTrainer;
import dev.digits.train.training.Recipe;
import dev.digits.train.training.TrainingOptions;
import dev.digits.train.training.TrainingStoppedException;
import dev.digits.train.tune.HyperparameterSearch;
import dev.digits.train.tune.SearchSettings;
import dev.digits.train.tune.Trial;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code digits tune}: a small random search over training options, judged on held-out training images. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tries learning rates, batch sizes and augmentation strengths in short trials, each judged on"
                + " training images held out (never the test images), and writes a table and a chart of the trials.",
            "Run the same command again to resume after the last finished trial, or with more --trials to go on."})
public final class TuneCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, defaultValue = "models/tune", paramLabel = "DIR",
            description = "The search's folder: " + SearchSettings.FILE + ", " + HyperparameterSearch.TABLE + ", "
                    + HyperparameterSearch.CHART + " (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--trials", defaultValue = "8", paramLabel = "N",
            description = "Trials to have finished, counting those of a resumed search (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--recipe", defaultValue = "augmented", paramLabel = "NAME",
            converter = ParsingConverter.ForRecipe.class, completionCandidates = TrainCommand.RecipeNames.class,
            description = "The recipe whose network and schedule every trial uses: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}).")
    Recipe recipe;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs per trial (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-limit", defaultValue = "20000", paramLabel = "N",
            description = "Training images per trial, held-out ones included (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--validation-images", defaultValue = "5000", paramLabel = "N",
            description = "Of those, the images held out to judge each trial on (default: ${DEFAULT-VALUE}).")
    int validationImages;

    @Option(names = "--seed", defaultValue = "" + TrainingOptions.DEFAULT_SEED,
            description = "Decides the trials' draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the four MNIST IDX files.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || trials > 1000) {
            throw new IllegalArgumentException("--trials must be from 1 to 1000, got " + trials);
        }
        if (trainLimit < 2 || trainLimit > MnistFiles.TRAIN_IMAGES) {
            throw new IllegalArgumentException("--train-limit must be from 2 to " + MnistFiles.TRAIN_IMAGES + ", got "
                    + trainLimit);
        }
        SearchSettings settings = new SearchSettings(recipe, epochs, trainLimit, validationImages, seed);
        DigitTrainer trainer = new DigitTrainer(EngineRuntime.activateFromEnvironment());
        MnistFiles data = MnistFiles.fromFolderOrCache(dataDir);
        List<Trial> done;
        try {
            done = new HyperparameterSearch(output, settings).run(trials, trainer, data);
        } catch (TrainingStoppedException stopped) {
            // The table holds every finished trial; the same command resumes after them.
            return ErrorPolicy.EXIT_USAGE;
        }
        System.out.println();
        System.out.println("trial  learning rate  batch  held-out accuracy  augment");
        Trial best = HyperparameterSearch.best(done).orElseThrow();
        for (Trial trial : done) {
            System.out.printf(Locale.ROOT, "%5d  %13s  %5d  %16.2f%%  %s%s%n", trial.trial(), trial.learningRateText(),
                    trial.batchSize(), trial.validationAccuracy() * 100, trial.augment(), trial == best ? "  (best)" : "");
        }
        System.out.println("Table: " + output.resolve(HyperparameterSearch.TABLE) + ", chart: "
                + output.resolve(HyperparameterSearch.CHART));
        System.out.println("Train with the best: digits train --recipe " + recipe.id() + " " + best.trainOptions());
        return 0;
    }
}
