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
import dev.digits.model.folder.FileHashes;
import dev.digits.model.folder.FolderUpgrade;
import dev.digits.model.folder.JsonFiles;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ServingProperties;
import dev.digits.model.nn.Architecture;
import dev.digits.model.nn.DigitNetwork;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The logits of the folder's model, loaded with DJL's Criteria. */
    private float[] loadedLogits(NDArray images) throws Exception {
        try (ZooModel<NDList, NDList> loaded = TestModelFolders.loadWithCriteria(dir, runtime);
                Predictor<NDList, NDList> predictor = loaded.newPredictor()) {
            return predictor.predict(new NDList(images)).singletonOrThrow().toFloatArray();
        }
    }

    private static TrainingHistory history() {
        return TestModelFolders.history();
    }

    private static Evaluation evaluation(String paramsSha256) {
        return TestModelFolders.evaluation(paramsSha256, runtime);
    }

    private ModelFolder saveAndCommit(Model model, ModelFolder folder) throws IOException {
        TestModelFolders.commit(folder, folder.saveParameters(model, 3), runtime, model);
        return folder;
    }

    @Test
    void fileNamesAreTheSameInALocaleWithOtherDigits() throws Exception {
        // Egyptian Arabic formats numbers with its own digits: a folder saved there must load anywhere.
        java.util.Locale egypt = java.util.Locale.forLanguageTag("ar-EG");
        assertThat(String.format(egypt, "%04d", 3)).as("the locale's own digits").isNotEqualTo("0003");
        java.util.Locale before = java.util.Locale.getDefault();
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = newModel()) {
            java.util.Locale.setDefault(egypt);
            saveAndCommit(model, folder);
        } finally {
            java.util.Locale.setDefault(before);
        }
        assertThat(folder.readServingProperties().paramsFile()).matches("digits-[0-9a-f]{8}-0003\\.params");
        try (ZooModel<NDList, NDList> loaded = TestModelFolders.loadWithCriteria(dir, runtime)) {
            assertThat(loaded.getProperty("paramsSha256")).isEqualTo(folder.readMetadata().paramsSha256());
        }
    }

    @Test
    void saveThenLoadGivesIdenticalOutputs() throws Exception {
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = newModel(); NDManager manager = runtime.engine().newBaseManager()) {
            saveAndCommit(model, folder);
            NDArray images = manager.randomUniform(0f, 1f, new Shape(4, 1, 28, 28));
            assertThat(loadedLogits(images)).containsExactly(logits(model, images));
        }
        ServingProperties serving = folder.readServingProperties();
        assertThat(serving.paramsFile()).matches("digits-[0-9a-f]{8}-0003\\.params");
        assertThat(serving.architecture()).isEqualTo(Architecture.SEED_CNN);
        assertThat(Files.readString(folder.resolve(ServingProperties.FILE)))
                .contains("blockFactory=dev.digits.model.zoo.ModelFolderBlockFactory")
                .contains("translatorFactory=dev.digits.model.zoo.DigitTranslatorFactory")
                .contains("option.modelName=" + serving.paramsFile().replace("-0003.params", ""))
                .contains("option.epoch=3");
        for (String name : List.of(ServingProperties.FILE, serving.metadataFile(), serving.paramsFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(name))))
                    .as(name).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aNewModelReplacesTheOldOnlyWhenCommitted() throws Exception {
        ModelFolder folder = new ModelFolder(dir);
        try (Model first = newModel(); Model second = newModel(); NDManager manager = runtime.engine().newBaseManager()) {
            saveAndCommit(first, folder);
            String firstFile = folder.readMetadata().paramsFile();
            // A run killed after writing its parameters but before committing them.
            ModelFolder.SavedParameters uncommitted = folder.saveParameters(second, 3);
            NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 1, 28, 28));
            assertThat(loadedLogits(images)).containsExactly(logits(first, images));
            TestModelFolders.commit(folder, uncommitted, runtime, second);
            assertThat(loadedLogits(images)).containsExactly(logits(second, images));
            assertThat(folder.resolve(firstFile)).doesNotExist();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")))
                        .containsExactlyInAnyOrder(ServingProperties.FILE, uncommitted.fileName(),
                                "metadata-" + uncommitted.sha256().substring(0, 8) + ".json",
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
        assertThatThrownBy(() -> TestModelFolders.loadWithCriteria(dir, runtime))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("damaged");
        Files.writeString(params, "not a model");
        assertThatThrownBy(() -> TestModelFolders.loadWithCriteria(dir, runtime))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("not a digits model");
        Files.delete(params);
        assertThatThrownBy(() -> TestModelFolders.loadWithCriteria(dir, runtime))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(params + " is missing");
    }

    @Test
    void missingOrCorruptJsonNamesTheFile() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        assertThatThrownBy(folder::readMetadata)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(dir.resolve(ServingProperties.FILE) + " is missing");
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
        assertThat(read.classReport()).contains("accuracy 0.8750 on 8 images").contains("loss 0.30000");
    }

    @Test
    void anEvaluationOfAnotherModelIsRefused() throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = newModel()) {
            saveAndCommit(model, folder);
        }
        String sha = folder.readMetadata().paramsSha256();
        JsonFiles.write(folder.evaluationFile(sha), evaluation("0123456789abcdef"));
        assertThatThrownBy(folder::readEvaluation)
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("describes parameters 0123456789abcdef")
                .hasMessageContaining("digits evaluate");
    }

    @Test
    void aFormatOneFolderIsToldToUpgradeAndUpgradeMakesItLoadThroughCriteria() throws Exception {
        float[] expected;
        String sha;
        try (Model model = newModel(); NDManager manager = runtime.engine().newBaseManager()) {
            // As digits wrote folders before they were DJL model folders.
            Path staging = Files.createDirectories(dir.resolve("staging"));
            model.save(staging, "digits");
            Files.move(staging.resolve("digits-0000.params"), dir.resolve("digits-0003.params"));
            Files.delete(staging);
            sha = FileHashes.sha256(dir.resolve("digits-0003.params"));
            Map<String, Object> legacy = new LinkedHashMap<>();
            legacy.put("formatVersion", 1);
            legacy.put("paramsFile", "digits-0003.params");
            legacy.put("paramsSha256", sha);
            legacy.put("parameterCount", DigitNetwork.PARAMETER_COUNT);
            legacy.put("engine", "PyTorch");
            legacy.put("testAccuracy", 0.875);
            JsonFiles.write(dir.resolve("metadata.json"), legacy);
            JsonFiles.write(dir.resolve("history.json"), history());
            JsonFiles.write(dir.resolve("evaluation.json"), evaluation(sha));
            NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 1, 28, 28));
            expected = logits(model, images);

            ModelFolder folder = new ModelFolder(dir);
            assertThat(folder.isLegacy()).isTrue();
            assertThatThrownBy(folder::readMetadata)
                    .isInstanceOf(ModelFolderException.class)
                    .hasMessageContaining("format 1")
                    .hasMessageContaining("digits upgrade " + dir);
            assertThat(FolderUpgrade.upgrade(folder)).isTrue();
            assertThat(FolderUpgrade.upgrade(folder)).isFalse();
            assertThat(loadedLogits(images)).containsExactly(expected);
        }
        ModelFolder folder = new ModelFolder(dir);
        assertThat(folder.readMetadata().architecture()).isEqualTo("seed-cnn");
        assertThat(folder.readMetadata().paramsFile()).isEqualTo("digits-" + sha.substring(0, 8) + "-0003.params");
        assertThat(folder.readHistory()).isEqualTo(history());
        assertThat(folder.readEvaluation().paramsSha256()).isEqualTo(sha);
        try (Stream<Path> files = Files.list(dir)) {
            // The model's five files, and the lock that commits take.
            assertThat(files.map(p -> p.getFileName().toString()))
                    .doesNotContain("metadata.json", "history.json", "evaluation.json", "digits-0003.params")
                    .hasSize(6).contains(".commit.lock");
        }
    }
}
