package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.FileHashes;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code digits export} writes a file that ONNX Runtime's own API loads, outside digits and DJL,
 * and that answers MNIST test digits as the folder's recognizer does: probabilities within 1e-4,
 * the same digits.
 */
class ExportTest {

    @TempDir
    Path dir;

    @Test
    void theExportedModelAnswersAsTheFolderDoes() throws Exception {
        Path folder = dir.resolve("model");
        Files.createDirectories(folder);
        try (var files = Files.list(TestModels.pytorch())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        CommandOutput export = CommandOutput.of("export", folder.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported", "model-", ".onnx", "opset 13");

        ModelMetadata metadata = new ModelFolder(folder).readMetadata();
        Path onnx = folder.resolve(metadata.onnx().file());
        assertThat(FileHashes.sha256(onnx)).isEqualTo(metadata.onnx().sha256());

        List<float[]> digits = TestModels.testDigits(200);
        float[] pixels = new float[digits.size() * 784];
        for (int i = 0; i < digits.size(); i++) {
            System.arraycopy(digits.get(i), 0, pixels, i * 784, 784);
        }
        float[][] exported;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(onnx.toString(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
                        new long[] {digits.size(), 1, 28, 28});
                OrtSession.Result result = session.run(Map.of("pixels", input))) {
            assertThat(session.getInputNames()).containsExactly("pixels");
            assertThat(session.getOutputNames()).containsExactly("probabilities");
            exported = (float[][]) result.get("probabilities").orElseThrow().getValue();
        }
        EngineRuntime pytorch = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        // Exported, the folder still loads as before.
        try (DigitRecognizer recognizer = DigitRecognizer.load(folder, pytorch)) {
            List<Prediction> served = recognizer.predictPixels(digits);
            for (int i = 0; i < digits.size(); i++) {
                float[] expected = served.get(i).probabilities();
                for (int d = 0; d < 10; d++) {
                    assertThat(Math.abs(exported[i][d] - expected[d])).as("image %d, digit %d", i, d)
                            .isLessThanOrEqualTo(1e-4f);
                }
                int best = 0;
                for (int d = 1; d < 10; d++) {
                    best = exported[i][d] > exported[i][best] ? d : best;
                }
                assertThat(best).as("image %d", i).isEqualTo(served.get(i).digit());
            }
        }
    }

    @Test
    void aMissingFolderIsOneClearLine() {
        CommandOutput export = CommandOutput.of("export", dir.resolve("nothing").toString());
        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err()).contains("does not exist").doesNotContain("\tat ");
    }
}
