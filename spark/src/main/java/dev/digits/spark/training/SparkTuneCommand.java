package dev.digits.spark.training;

import dev.digits.spark.DigitsSpark;
import dev.digits.app.SearchOptions;
import dev.digits.engine.EngineSelection;
import dev.digits.train.tune.HyperparameterSearch;
import dev.digits.train.tune.Trial;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code digits-spark tune}: {@code digits tune} with its trials as tasks of a Spark cluster, one
 * trial per executor, executors of one core each unless {@code spark.executor.cores} says
 * otherwise. The table and the chart are written on the driver, as each trial finishes; the same
 * command resumes a search stopped at any point.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the trials of digits tune as tasks of a Spark cluster, one trial per executor (of one"
                + " core unless spark.executor.cores says otherwise): the same options, the same table and chart,"
                + " written on the driver as each trial finishes.",
            "Each trial trains with the driver's engine and device, one native thread per executor core (as"
                + " OMP_NUM_THREADS=1 digits tune does), and MNIST from each executor's cache or --data-dir;"
                + " a trial lost with its executor is run again. Embedded (local[N]), trials run one at a time."})
public final class SparkTuneCommand implements Callable<Integer> {

    @Mixin
    SearchOptions options;

    @Option(names = "--master", paramLabel = "URL", description = DigitsSpark.MASTER_HELP)
    String master;

    @Override
    public Integer call() throws Exception {
        HyperparameterSearch search = options.search();
        SparkSession.Builder builder = TrainingSessions.builder("digits-spark tune", master);
        EngineSelection selection = TrainingSessions.checkDriver("digits-spark tune", options.dataDir());
        List<Trial> done;
        try (SparkSession spark = builder.getOrCreate()) {
            done = search.run(options.trials(), new SparkTrials(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                    TrialTask.of(search, selection, options.dataDir())));
        }
        options.report(done);
        return 0;
    }
}
