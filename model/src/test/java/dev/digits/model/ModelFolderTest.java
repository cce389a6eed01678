package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.evaluation.ConfusionMatrix;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.evaluation.Mistake;
import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.nn.DigitNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    private static EngineRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
    }

    private static Model newModel() {
        Model model = Model.newInstance("digits", runtime.device(), "PyTorch");
        model.setBlock(DigitNetwork.create());
        model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                DigitNetwork.inputShape(1));
        return model;
    }

    private static float[] logits(Model model, NDArray images) {
        return model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(images), false)
                .singletonOrThrow().toFloatArray();
    }

    private static ModelMetadata metadata(ModelFolder.SavedParameters saved) {
        return new ModelMetadata(ModelFolder.FORMAT_VERSION, saved.fileName(), saved.sha256(),
                DigitNetwork.PARAMETER_COUNT, "PyTorch", "2.7.1", "cpu()",
                new Hyperparameters(1, 128, 0.001, 0.9, 0.999, 1e-7, 42, 100, 100), Map.of("f", "0"), 0.5, 1.0,
                "2026-01-01T00:00:00Z");
    }

    private ModelFolder saveAndCommit(Model model, ModelFolder folder) throws IOException {
        ModelFolder.SavedParameters saved = folder.saveParameters(model, 3);
        folder.commit(metadata(saved));
        return folder;
    }

    @Test
    void saveThenLoadGivesIdenticalOutputs() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = newModel(); NDManager manager = runtime.engine().newBaseManager()) {
            saveAndCommit(model, folder);
            NDArray images = manager.randomUniform(0f, 1f, new Shape(4, 1, 28, 28));
            try (Model loaded = folder.loadModel(runtime)) {
                assertThat(logits(loaded, images)).containsExactly(logits(model, images));
            }
        }
        assertThat(folder.readMetadata().paramsFile()).matches("digits-[0-9a-f]{8}-0003\\.params");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("metadata.json"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aNewModelReplacesTheOldOnlyWhenCommitted() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        try (Model first = newModel(); Model second = newModel(); NDManager manager = runtime.engine().newBaseManager()) {
            saveAndCommit(first, folder);
            String firstFile = folder.readMetadata().paramsFile();
            // A run killed after writing its parameters but before committing them.
            ModelFolder.SavedParameters uncommitted = folder.saveParameters(second, 3);
            NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 1, 28, 28));
            try (Model loaded = folder.loadModel(runtime)) {
                assertThat(logits(loaded, images)).containsExactly(logits(first, images));
            }
            folder.commit(metadata(uncommitted));
            try (Model loaded = folder.loadModel(runtime)) {
                assertThat(logits(loaded, images)).containsExactly(logits(second, images));
            }
            assertThat(folder.resolve(firstFile)).doesNotExist();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(p -> p.toString().endsWith(".params")).count()).isEqualTo(1);
            }
        }
    }

    @Test
    void damagedParametersAreRefusedNamingTheFile() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = newModel()) {
            saveAndCommit(model, folder);
        }
        Path params = folder.resolve(folder.readMetadata().paramsFile());
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> folder.loadModel(runtime))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("damaged");
        Files.delete(params);
        assertThatThrownBy(() -> folder.loadModel(runtime))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(params + " is missing");
    }

    @Test
    void aParametersFileThatIsNotAModelIsAClearError() throws IOException {
        Files.writeString(dir.resolve("digits-0001.params"), "not a model");
        assertThatThrownBy(() -> ModelFolder.loadParameters(runtime, dir, "digits-0001.params"))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("digits-0001.params")
                .hasMessageContaining("not a digits model");
    }

    @Test
    void missingOrCorruptJsonNamesTheFile() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        assertThatThrownBy(folder::readMetadata)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(dir.resolve("metadata.json") + " is missing");
        Files.writeString(dir.resolve("history.json"), "{\"epochs\": [ {\"epoch\": 1, ");
        assertThatThrownBy(folder::readHistory)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(dir.resolve("history.json").toString())
                .hasMessageContaining("not a valid TrainingHistory");
        Files.writeString(dir.resolve("history.json"), "{\"epochs\": [{\"epoch\": 2}]}");
        assertThatThrownBy(folder::readHistory)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("history.json");
        Files.writeString(dir.resolve("evaluation.json"), "null");
        assertThatThrownBy(folder::readEvaluation)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("evaluation.json");
    }

    @Test
    void historyAndEvaluationRoundTrip() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        TrainingHistory history = TrainingHistory.empty()
                .plus(new EpochRecord(1, 0.5, 0.8, 0.3, 0.9, 12.5, 400))
                .plus(new EpochRecord(2, 0.2, 0.95, 0.1, 0.97, 11.5, 420));
        folder.writeHistory(history);
        assertThat(folder.readHistory()).isEqualTo(history);

        ConfusionMatrix matrix = ConfusionMatrix.of(new long[][] {{3, 1}, {0, 4}});
        int[] pixels = new int[784];
        pixels[10] = 255;
        Evaluation evaluation = new Evaluation("abc", "PyTorch", "2.7.1", "cpu()", 8, matrix.accuracy(), 0.3,
                matrix.counts(), matrix.classScores(), List.of(new Mistake(3, 0, 1, 0.9, pixels)), "now");
        folder.writeEvaluation(evaluation);
        Evaluation read = folder.readEvaluation();
        assertThat(read.confusionMatrix()).isDeepEqualTo(matrix.counts());
        assertThat(read.classes()).isEqualTo(evaluation.classes());
        assertThat(read.mistakes()).containsExactlyElementsOf(evaluation.mistakes());
        assertThat(read.classReport()).contains("accuracy 0.8750 on 8 images");
    }
}
