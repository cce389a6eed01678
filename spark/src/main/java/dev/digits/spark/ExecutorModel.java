package dev.digits.spark;

import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.engine.ThreadSettings;
import dev.digits.model.inference.DigitRecognizer;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

/**
 * The model that each executor JVM loads once, lazily, and shares among its tasks: where its
 * folder is on the executor, and the engine and device the driver chose. Closed when the JVM stops.
 *
 * @param folder the folder's path, the same on every executor, or the name of the archive
 *     shipped with the job
 * @param shipped whether the folder was shipped with the job ({@code SparkContext.addArchive})
 * @param paramsSha256 the weights' SHA-256: a retrained model is another model
 * @param engine the engine's DJL name
 * @param device the device, as {@link DeviceChoice#parse} reads it
 * @param maxPixels the largest image accepted, in pixels
 */
public record ExecutorModel(String folder, boolean shipped, String paramsSha256, String engine, String device,
        long maxPixels)
        implements Serializable {

    private static final Map<ExecutorModel, DigitRecognizer> LOADED = new HashMap<>();
    private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?\\])?");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModel::closeAll, "digits-model-close"));
    }

    /** The folder on this JVM's machine. */
    public Path localFolder() {
        return Path.of(shipped ? SparkFiles.get(folder) : folder);
    }

    /** This JVM's recognizer for the model, loaded by the first task that asks. */
    public DigitRecognizer recognizer() {
        synchronized (LOADED) {
            DigitRecognizer recognizer = LOADED.get(this);
            if (recognizer == null) {
                int slots = taskSlots(SparkEnv.get().conf());
                // The executor's tasks run their passes at once: they share the cores, not one each.
                ThreadSettings.forServer(slots);
                EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(
                        EngineName.parse(engine, "the driver"), DeviceChoice.parse(device, "the driver")));
                recognizer = DigitRecognizer.builder(localFolder()).optRuntime(runtime).optPoolSize(slots)
                        .optMaxPixels(maxPixels).build();
                // A shared folder can hold another model by now (a save between the driver's load
                // and this one, or another copy at that path): never score with it silently.
                String here = recognizer.metadata().paramsSha256();
                if (!here.equals(paramsSha256)) {
                    recognizer.close();
                    throw new IllegalStateException("the model at " + localFolder() + " on this executor has the"
                            + " weights " + here.substring(0, 12) + ", not the driver's " + paramsSha256.substring(0, 12)
                            + "; every executor must read the model the driver checked");
                }
                LOADED.put(this, recognizer);
            }
            return recognizer;
        }
    }

    /** Closes this JVM's recognizer for the model, where it loaded one: a command that ran Spark embedded is done. */
    public void release() {
        DigitRecognizer recognizer;
        synchronized (LOADED) {
            recognizer = LOADED.remove(this);
        }
        if (recognizer != null) {
            recognizer.close();
        }
    }

    /** How many tasks an executor runs at once: local[N]'s N, else its cores over the cores per task. */
    public static int taskSlots(SparkConf conf) {
        int cores = Runtime.getRuntime().availableProcessors();
        Matcher local = LOCAL_MASTER.matcher(conf.get("spark.master", ""));
        if (local.matches()) {
            return local.group(1) == null || local.group(1).equals("*") ? cores : Integer.parseInt(local.group(1));
        }
        int executorCores = conf.getInt("spark.executor.cores", cores);
        return Math.max(1, executorCores / Math.max(1, conf.getInt("spark.task.cpus", 1)));
    }

    private static void closeAll() {
        synchronized (LOADED) {
            LOADED.values().forEach(DigitRecognizer::close);
            LOADED.clear();
        }
    }
}
