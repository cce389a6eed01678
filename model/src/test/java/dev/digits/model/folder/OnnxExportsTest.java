package dev.digits.model.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import dev.digits.engine.EngineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export is recorded with its SHA-256 beside its own model, and goes with it. */
class OnnxExportsTest {

    @TempDir
    Path dir;

    @Test
    void anExportIsRecordedAndANewModelRemovesIt() throws Exception {
        EngineRuntime runtime = TestModelFolders.pytorchOnCpu();
        ModelFolder folder = new ModelFolder(dir);
        byte[] bytes = {8, 1, 2, 3};
        ModelMetadata first;
        try (Model model = TestModelFolders.untrainedModel(runtime)) {
            TestModelFolders.save(folder, model, runtime);
            first = folder.readMetadata();
            assertThat(first.onnx()).isNull();
            ModelMetadata recorded = OnnxExports.commit(folder, first, bytes, 13);
            Path file = folder.resolve(recorded.onnx().file());
            assertThat(file.getFileName().toString()).isEqualTo("model-" + first.paramsSha256().substring(0, 8) + ".onnx");
            assertThat(file).hasBinaryContent(bytes);
            assertThat(recorded.onnx().sha256()).isEqualTo(FileHashes.sha256(file));
            // Recorded in the folder's metadata, which still describes the same model.
            assertThat(folder.readMetadata()).isEqualTo(recorded);
            assertThat(folder.readMetadata().withOnnx(null)).isEqualTo(first);
        }
        try (Model second = TestModelFolders.untrainedModel(runtime)) {
            TestModelFolders.save(folder, second, runtime);
        }
        assertThat(folder.readMetadata().onnx()).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".onnx"));
        }
        // The first model is gone: its export would describe another model.
        assertThatThrownBy(() -> OnnxExports.commit(folder, first, bytes, 13))
                .isInstanceOf(ModelFolderException.class).hasMessageContaining("export it again");
    }
}
