package dev.digits.spark.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.DigitTrainer;
import dev.digits.train.tune.HyperparameterSearch;
import dev.digits.train.tune.SearchSettings;
import dev.digits.train.tune.Trial;
import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;

/**
 * One trial of a search, as a Spark task: it draws its options from the search's settings and its
 * number, trains on the executor with the driver's engine and device and MNIST from the executor's
 * own cache (or the folder given, at the same path on every executor), and returns the trial as
 * JSON. It writes nothing: a task that is lost and run again leaves no trace of its first attempt.
 *
 * @param searchDir the search's folder, as the driver names it (a trial only names it, never writes there)
 * @param settingsJson the search's settings, as {@link SearchSettings#FILE} holds them
 * @param engine the engine's DJL name
 * @param device the device, as {@link DeviceChoice#parse} reads it
 * @param dataDir the MNIST folder on every executor, or null: each executor's cache
 */
public record TrialTask(String searchDir, String settingsJson, String engine, String device, String dataDir)
        implements Function<Integer, String> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The task for a search, on the engine and device the driver chose. */
    public static TrialTask of(HyperparameterSearch search, EngineSelection selection, Path dataDir) throws Exception {
        return new TrialTask(search.dir().toString(), JSON.writeValueAsString(search.settings()),
                selection.engine().djlName(), selection.device().toString(),
                dataDir == null ? null : dataDir.toAbsolutePath().toString());
    }

    @Override
    public String call(Integer number) throws Exception {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.parse(engine, "the driver"),
                DeviceChoice.parse(device, "the driver")));
        MnistFiles data = MnistFiles.fromFolderOrCache(dataDir == null ? null : Path.of(dataDir));
        HyperparameterSearch search = new HyperparameterSearch(Path.of(searchDir),
                JSON.readValue(settingsJson, SearchSettings.class));
        return JSON.writeValueAsString(search.trial(number, new DigitTrainer(runtime), data));
    }

    /** The trial a task returned. */
    static Trial trial(String json) {
        try {
            return JSON.readValue(json, Trial.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a trial's task answered " + json, e);
        }
    }
}
