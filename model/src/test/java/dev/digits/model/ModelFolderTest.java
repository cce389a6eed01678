package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.history.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    private static final EngineRuntime runtime = TestModelFolders.pytorchOnCpu();

    @TempDir
    Path dir;

    private static Model newModel() {
        return TestModelFolders.untrainedModel(runtime);
    }

    private static float[] logits(Model model, NDArray images) {
        return model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(images), false)
                .singletonOrThrow().toFloatArray();
    }

    private static TrainingHistory history() {
        return TestModelFolders.history();
    }

    private static Evaluation evaluation(String paramsSha256) {
        return TestModelFolders.evaluation(paramsSha256, runtime);
    }

    private static void commit(ModelFolder folder, ModelFolder.SavedParameters saved) throws IOException {
        TestModelFolders.commit(folder, saved, runtime);
    }

    private ModelFolder saveAndCommit(Model model, ModelFolder folder) throws IOException {
        commit(folder, folder.saveParameters(model, 3));
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
            commit(folder, uncommitted);
            try (Model loaded = folder.loadModel(runtime)) {
                assertThat(logits(loaded, images)).containsExactly(logits(second, images));
            }
            assertThat(folder.resolve(firstFile)).doesNotExist();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")))
                        .containsExactlyInAnyOrder("metadata.json", uncommitted.fileName(),
                                folder.historyFile(uncommitted.sha256()).getFileName().toString(),
                                folder.evaluationFile(uncommitted.sha256()).getFileName().toString());
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
        try (Model model = newModel()) {
            saveAndCommit(model, folder);
        }
        String sha = folder.readMetadata().paramsSha256();
        Path history = folder.historyFile(sha);
        Files.writeString(history, "{\"epochs\": [ {\"epoch\": 1, ");
        assertThatThrownBy(folder::readHistory)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(history.toString())
                .hasMessageContaining("not a valid TrainingHistory");
        Files.writeString(history, "{\"epochs\": [{\"epoch\": 2}]}");
        assertThatThrownBy(folder::readHistory)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(history.toString());
        Files.delete(history);
        assertThatThrownBy(folder::readHistory)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(history + " is missing");
        Path evaluation = folder.evaluationFile(sha);
        Files.writeString(evaluation, "null");
        assertThatThrownBy(folder::readEvaluation)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(evaluation.toString());
    }

    @Test
    void historyAndEvaluationRoundTripBesideTheirModel() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = newModel()) {
            saveAndCommit(model, folder);
        }
        String sha = folder.readMetadata().paramsSha256();
        assertThat(folder.readHistory()).isEqualTo(history());
        assertThat(folder.historyFile(sha).getFileName().toString()).isEqualTo("history-" + sha.substring(0, 8) + ".json");
        Evaluation evaluation = evaluation(sha);
        Evaluation read = folder.readEvaluation();
        assertThat(read.confusionMatrix()).isDeepEqualTo(evaluation.confusionMatrix());
        assertThat(read.classes()).isEqualTo(evaluation.classes());
        assertThat(read.mistakes()).containsExactlyElementsOf(evaluation.mistakes());
        assertThat(read.classReport()).contains("accuracy 0.8750 on 8 images");
    }

    @Test
    void anEvaluationOfAnotherModelIsRefusedAndALegacyOneIsReadWhenItMatches() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = newModel()) {
            saveAndCommit(model, folder);
        }
        String sha = folder.readMetadata().paramsSha256();
        // A folder written before files were named by their model: history.json, evaluation.json.
        Files.move(folder.historyFile(sha), dir.resolve("history.json"));
        Files.move(folder.evaluationFile(sha), dir.resolve("evaluation.json"));
        assertThat(folder.readHistory()).isEqualTo(history());
        assertThat(folder.readEvaluation().paramsSha256()).isEqualTo(sha);
        ModelFolder.writeJson(dir.resolve("evaluation.json"), evaluation("0123456789abcdef"));
        assertThatThrownBy(folder::readEvaluation)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("describes parameters 0123456789abcdef")
                .hasMessageContaining("digits evaluate");
    }
}
