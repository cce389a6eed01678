package dev.digits.spark;

import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.inference.DigitRecognizer;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkFiles;

/**
 * The model that each executor JVM loads once, lazily, and shares among its tasks: where its
 * folder is on the executor, and the engine and device the driver chose. Closed when the JVM stops.
 *
 * @param folder the folder's path, the same on every executor, or the name of the archive
 *     shipped with the job
 * @param shipped whether the folder was shipped with the job ({@code SparkContext.addArchive})
 * @param engine the engine's DJL name
 * @param device the device, as {@link DeviceChoice#parse} reads it
 * @param maxPixels the largest image accepted, in pixels
 */
public record ExecutorModel(String folder, boolean shipped, String engine, String device, long maxPixels)
        implements Serializable {

    private static final Map<ExecutorModel, DigitRecognizer> LOADED = new HashMap<>();

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
                EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(
                        EngineName.parse(engine, "the driver"), DeviceChoice.parse(device, "the driver")));
                // Tasks on this executor share it, each with its batches: a predictor per pass at once.
                recognizer = DigitRecognizer.builder(localFolder()).optRuntime(runtime)
                        .optWorkload(DigitRecognizer.Workload.BATCHES).optMaxPixels(maxPixels).build();
                LOADED.put(this, recognizer);
            }
            return recognizer;
        }
    }

    private static void closeAll() {
        synchronized (LOADED) {
            LOADED.values().forEach(DigitRecognizer::close);
            LOADED.clear();
        }
    }
}
