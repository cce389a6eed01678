package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.FileTrees;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.app.DigitsCommand;
import dev.digits.train.data.MnistFile;
import dev.digits.train.data.MnistFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small model trained once for the serve tests, and the server around it. */
final class ServedModel {

    private static Path folder;
    private static DigitRecognizer recognizer;
    private static DigitServer server;

    private ServedModel() {}

    static synchronized Path folder() throws IOException {
        if (folder == null) {
            Path dir = Path.of("target", "test-models", "serve").toAbsolutePath();
            FileTrees.delete(dir);
            System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
            int exit = DigitsCommand.run("train", "-o", dir.toString(), "--epochs", "2", "--train-limit", "4000",
                    "--test-limit", "500", "--batch-size", "32", "--no-charts");
            assertThat(exit).isZero();
            // Exported too: the page reads its drawings in the browser with it.
            assertThat(DigitsCommand.run("export", dir.toString())).isZero();
            folder = dir;
        }
        return folder;
    }

    /**
     * Whether the build put ONNX Runtime Web in the page's files: it does where npm reaches the
     * registry, as in CI, where its absence fails the browser's tests instead of skipping them.
     */
    static boolean browserRuntimeBuilt() {
        boolean built = ServedModel.class.getResource(BrowserReading.RUNTIME + "VERSION") != null;
        assertThat(built || System.getenv("CI") == null)
                .as("CI builds the page with ONNX Runtime Web (serve/src/build/onnxruntime-web.sh)").isTrue();
        return built;
    }

    static synchronized DigitRecognizer recognizer() throws IOException {
        if (recognizer == null) {
            recognizer = DigitRecognizer.load(folder(), runtime());
        }
        return recognizer;
    }

    /** PyTorch on the CPU, the tests' engine. */
    static EngineRuntime runtime() {
        return EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
    }

    static synchronized DigitServer server() throws IOException {
        if (server == null) {
            server = DigitServer.start(recognizer(), ServerOptions.defaults().withPort(0).withMaxBodyBytes(1 << 20));
        }
        return server;
    }

    /** The first {@code n} MNIST test images as pixels in [0, 1], with their labels. */
    static float[][] testImages(int n, int[] labels) throws IOException {
        MnistFiles files = MnistFiles.fromCache();
        byte[] images = Files.readAllBytes(files.folder().resolve(MnistFile.TEST_IMAGES.djlKey()));
        byte[] labelBytes = Files.readAllBytes(files.folder().resolve(MnistFile.TEST_LABELS.djlKey()));
        float[][] pixels = new float[n][784];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                pixels[i][p] = (images[16 + i * 784 + p] & 0xFF) / 255f;
            }
            labels[i] = labelBytes[8 + i];
        }
        return pixels;
    }
}
