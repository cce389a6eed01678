package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.FileHashes;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
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

    /** Activating an engine makes it the JVM's default: each test starts from PyTorch. */
    @org.junit.jupiter.api.AfterEach
    void pytorchIsTheDefaultAgain() {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
    }

    @Test
    void theExportedModelAnswersAsTheFolderDoes() throws Exception {
        Path folder = copyOfTheTestModel();
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
        // DJL's ONNX Runtime engine makes the process's one environment, with its thread pools; it
        // cannot load after another is made, so it is loaded first (as digits itself does).
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
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

    /**
     * The third engine: the folder's export, through the same Criteria, translator and
     * recognizer, answers as the network on PyTorch does; a folder without an export says how to
     * make one; training on it is refused in one line.
     */
    @Test
    void onnxRuntimeServesTheExportAsTheNetworkAnswers() throws Exception {
        Path folder = copyOfTheTestModel();
        EngineRuntime onnxRuntime = EngineRuntime.activate(new EngineSelection(EngineName.ONNX_RUNTIME,
                DeviceChoice.cpu()));
        assertThatThrownBy(() -> DigitRecognizer.load(folder, onnxRuntime))
                .isInstanceOf(ModelFolderException.class).hasMessageContaining("has no ONNX export")
                .hasMessageContaining("digits export " + folder);
        // Exporting reads the network, which ONNX Runtime cannot.
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "OnnxRuntime");
        CommandOutput refused = CommandOutput.of("export", folder.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("OnnxRuntime runs exported models only: exporting needs one of PyTorch");
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
        CommandOutput exported = CommandOutput.of("export", folder.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();

        List<float[]> digits = TestModels.testDigits(200);
        java.awt.image.BufferedImage number = new java.awt.image.BufferedImage(100, 40,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int k = 0; k < 3; k++) {
            for (int p = 0; p < 784; p++) {
                number.getRaster().setSample(4 + 32 * k + p % 28, 6 + p / 28, 0,
                        Math.round(255 * (1 - digits.get(k)[p])));
            }
        }
        EngineRuntime pytorch = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        List<Prediction> expected;
        String expectedNumber;
        try (DigitRecognizer network = DigitRecognizer.load(folder, pytorch)) {
            expected = network.predictPixels(digits);
            expectedNumber = network.readNumber(number).number();
        }
        try (DigitRecognizer export = DigitRecognizer.load(folder, EngineRuntime.activate(
                new EngineSelection(EngineName.ONNX_RUNTIME, DeviceChoice.cpu())))) {
            assertThat(export.engineName()).isEqualTo("OnnxRuntime");
            List<Prediction> answers = export.predictPixels(digits);
            for (int i = 0; i < digits.size(); i++) {
                assertThat(answers.get(i).digit()).as("image %d", i).isEqualTo(expected.get(i).digit());
                for (int d = 0; d < 10; d++) {
                    assertThat(Math.abs(answers.get(i).probabilities()[d] - expected.get(i).probabilities()[d]))
                            .as("image %d, digit %d", i, d).isLessThanOrEqualTo(1e-4f);
                }
            }
            assertThat(export.readNumber(number).number()).hasSize(3).isEqualTo(expectedNumber);
        }

        System.setProperty(EngineSelection.ENGINE_PROPERTY, "OnnxRuntime");
        CommandOutput train = CommandOutput.of("train", "-o", dir.resolve("never").toString(), "--epochs", "1");
        assertThat(train.exitCode()).isEqualTo(1);
        assertThat(train.err()).contains("digits: error: OnnxRuntime runs exported models only: training")
                .contains("PyTorch, MXNet").doesNotContain("\tat ");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    /** The shared quick model's files, in a folder of this test's own. */
    private Path copyOfTheTestModel() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("model"));
        try (var files = Files.list(TestModels.pytorch())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return folder;
    }

    @Test
    void aMissingFolderIsOneClearLine() {
        CommandOutput export = CommandOutput.of("export", dir.resolve("nothing").toString());
        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err()).contains("does not exist").doesNotContain("\tat ");
    }
}
