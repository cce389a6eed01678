package dev.digits.spark.training;

import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.spark.SparkSessions;
import dev.digits.train.data.MnistFiles;
import java.nio.file.Path;
import dev.digits.spark.ExecutorModel;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Sessions for training on a cluster. DJL trains one network at a time in a JVM (PyTorch's gradient
 * collector is one per process), so each executor runs one training at a time, with all its cores:
 * executors of one core each unless {@code spark.executor.cores} says otherwise, each training on as
 * many native threads as its executor has cores. Embedded ({@code local[N]}), one at a time.
 */
final class TrainingSessions {

    /** The environment variable that sets an engine's native threads, given to every executor. */
    static final String THREADS = "OMP_NUM_THREADS";

    private TrainingSessions() {}

    /**
     * The engine and device the tasks train with, checked on the driver with MNIST: the wrong engine
     * or a missing data folder fails now, not in the tasks.
     */
    static EngineSelection checkDriver(String job, Path dataDir) {
        EngineSelection selection = EngineSelection.fromEnvironment();
        EngineRuntime.activate(selection).requireTraining(job);
        MnistFiles.fromFolderOrCache(dataDir);
        return selection;
    }

    static SparkSession.Builder builder(String appName, String master) {
        String chosen = SparkSessions.master(master);
        SparkSession.Builder builder = SparkSessions.builder(appName, master);
        if (chosen.startsWith("local")) {
            int cores = ExecutorModel.taskSlots(new SparkConf(false).set("spark.master", chosen));
            builder.config("spark.task.cpus", Integer.toString(cores));
        } else {
            String cores = System.getProperty("spark.executor.cores", "1");
            builder.config("spark.executor.cores", cores).config("spark.task.cpus", cores);
            if (System.getProperty("spark.executorEnv." + THREADS) == null) {
                builder.config("spark.executorEnv." + THREADS, cores);
            }
        }
        return builder;
    }
}
