package dev.digits.model.folder;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.evaluation.ConfusionMatrix;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.evaluation.Mistake;
import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.ValidationSet;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.nn.Architecture;
import dev.digits.model.nn.DigitNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Model folders for tests: untrained networks committed with a small history and evaluation. */
public final class TestModelFolders {

    private static final String ARCHITECTURE = "architecture";

    private TestModelFolders() {}

    /** PyTorch on the CPU, made DJL's default. */
    public static EngineRuntime pytorchOnCpu() {
        return EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
    }

    /** A new model of the seed CNN with random weights. */
    public static Model untrainedModel(EngineRuntime runtime) {
        return untrainedModel(runtime, Architecture.SEED_CNN);
    }

    /** A new model of an architecture with random weights. */
    public static Model untrainedModel(EngineRuntime runtime, Architecture architecture) {
        Model model = Model.newInstance("digits", runtime.device(), runtime.name().djlName());
        model.setBlock(architecture.newBlock(architecture.defaultArguments()));
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, DigitNetwork.inputShape(1));
        model.setProperty(ARCHITECTURE, architecture.id());
        return model;
    }

    /** Loads a folder with nothing but DJL's API, on the runtime's engine: logits for a batch. */
    public static ZooModel<NDList, NDList> loadWithCriteria(Path folder, EngineRuntime runtime) throws Exception {
        return Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(folder)
                .optEngine(runtime.name().djlName())
                .build()
                .loadModel();
    }

    /** Random MNIST-style pixels: about a fifth of them ink. */
    public static float[] randomPixels(long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] pixels = new float[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat() < 0.2f ? random.nextFloat() : 0f;
        }
        return pixels;
    }

    public static TrainingHistory history() {
        return TrainingHistory.empty()
                .plus(new EpochRecord(1, 0.5, 0.8, 0.3, 0.9, 12.5, 400, ValidationSet.TEST))
                .plus(new EpochRecord(2, 0.2, 0.95, 0.1, 0.97, 11.5, 420, ValidationSet.TEST));
    }

    public static Evaluation evaluation(String paramsSha256, EngineRuntime runtime) {
        ConfusionMatrix matrix = ConfusionMatrix.of(new long[][] {{3, 1}, {0, 4}});
        int[] pixels = new int[784];
        pixels[10] = 255;
        return new Evaluation(paramsSha256, runtime.name().djlName(), runtime.version(), "cpu()", 8,
                matrix.accuracy(), 0.3, matrix.counts(), matrix.classScores(),
                List.of(new Mistake(3, 0, 1, 0.9, pixels)), "now");
    }

    public static ModelMetadata metadata(ModelFolder.SavedParameters saved, EngineRuntime runtime, Model model) {
        Architecture architecture = Architecture.parse(model.getProperty(ARCHITECTURE));
        return new ModelMetadata(ModelFolder.FORMAT_VERSION, saved.fileName(), saved.sha256(),
                Architecture.parameterCount(model.getBlock()), architecture.id(), architecture.defaultArguments(),
                runtime.name().djlName(), runtime.version(), "cpu()",
                new Hyperparameters(2, 128, 0.001, 0.9, 0.999, 1e-7, 42, 100, 100, 0, "none", "constant", "seed"), Map.of("f", "0"), 0.875, 1.0,
                "2026-01-01T00:00:00Z", List.of());
    }

    /** Saves the model's parameters and commits them with {@link #history()} and an evaluation. */
    public static ModelFolder.SavedParameters save(ModelFolder folder, Model model, EngineRuntime runtime)
            throws IOException {
        ModelFolder.SavedParameters saved = folder.saveParameters(model, 2);
        commit(folder, saved, runtime, model);
        return saved;
    }

    public static void commit(ModelFolder folder, ModelFolder.SavedParameters saved, EngineRuntime runtime,
            Model model) throws IOException {
        folder.commit(metadata(saved, runtime, model), history(), evaluation(saved.sha256(), runtime));
    }
}
