package dev.digits.app;

import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.Recipe;
import dev.digits.train.training.TrainingOptions;
import dev.digits.train.tune.HyperparameterSearch;
import dev.digits.train.tune.SearchSettings;
import dev.digits.train.tune.Trial;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of a search, and its report: {@code digits tune} and {@code digits-spark tune}, which
 * runs the trials on a cluster, share them.
 */
public final class SearchOptions {

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

    /**
     * The search these options ask for.
     *
     * @throws IllegalArgumentException naming the option whose value is out of range
     */
    public HyperparameterSearch search() {
        if (trials < 1 || trials > 1000) {
            throw new IllegalArgumentException("--trials must be from 1 to 1000, got " + trials);
        }
        if (trainLimit < 2 || trainLimit > MnistFiles.TRAIN_IMAGES) {
            throw new IllegalArgumentException("--train-limit must be from 2 to " + MnistFiles.TRAIN_IMAGES + ", got "
                    + trainLimit);
        }
        return new HyperparameterSearch(output, new SearchSettings(recipe, epochs, trainLimit, validationImages, seed));
    }

    public int trials() {
        return trials;
    }

    /** The MNIST folder given, or null: MNIST's cache. */
    public Path dataDir() {
        return dataDir;
    }

    /** Prints the finished trials, the best marked, and how to train with it. */
    public void report(List<Trial> done) {
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
    }
}
