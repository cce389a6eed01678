package dev.digits.app;

import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.EngineRuntime;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.DigitTrainer;
import dev.digits.train.training.TrainingStoppedException;
import dev.digits.train.tune.HyperparameterSearch;
import dev.digits.train.tune.Trial;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits tune}: a small random search over training options, judged on held-out training images. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tries learning rates, batch sizes and augmentation strengths in short trials, each judged on"
                + " training images held out (never the test images), and writes a table and a chart of the trials.",
            "Run the same command again to resume with the trials not yet finished, or with more --trials to go on.",
            "With --master, the trials run as tasks of a Spark cluster (digits-spark tune)."})
public final class TuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SearchOptions options;

    @Option(names = "--master", paramLabel = "URL",
            description = "Run the trials as tasks of this Spark cluster (spark://HOST:PORT, or local[N]), one per"
                    + " executor core: digits-spark tune, with these options.")
    String master;

    @Override
    public Integer call() throws Exception {
        if (master != null) {
            options.search();
            return SparkCommands.run(spec);
        }
        HyperparameterSearch search = options.search();
        DigitTrainer trainer = new DigitTrainer(EngineRuntime.activateFromEnvironment());
        MnistFiles data = MnistFiles.fromFolderOrCache(options.dataDir());
        List<Trial> done;
        try {
            done = search.run(options.trials(), trainer, data);
        } catch (TrainingStoppedException stopped) {
            // The table holds every finished trial; the same command resumes after them.
            return ErrorPolicy.EXIT_USAGE;
        }
        options.report(done);
        return 0;
    }
}
