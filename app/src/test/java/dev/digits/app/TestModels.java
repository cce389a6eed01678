package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.folder.FileTrees;
import dev.digits.app.DigitsCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small models trained once per test JVM and shared by the tests that only read them. */
final class TestModels {

    /** The quick recipe of the tests: 2,000 training images, two epochs of batch 32, 1,000 test images. */
    static final String[] QUICK = {"--epochs", "2", "--train-limit", "2000", "--test-limit", "1000",
        "--batch-size", "32", "--no-charts"};

    private static Path pytorch;

    private TestModels() {}

    static synchronized Path pytorch() throws IOException {
        if (pytorch == null) {
            pytorch = train("PyTorch", freshDir("pytorch-quick"));
        }
        return pytorch;
    }

    /** The quick PyTorch model, loaded on the CPU: what the tests that read images read them with. */
    static DigitRecognizer recognizer() throws IOException {
        return DigitRecognizer.load(pytorch(),
                EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu())));
    }

    /** The first MNIST test images, as 784 pixels each. */
    static List<float[]> testDigits(int count) throws Exception {
        float[] all = firstTestImages(count, false);
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(java.util.Arrays.copyOfRange(all, i * 784, (i + 1) * 784));
        }
        return images;
    }

    /** The digits the first MNIST test images show. */
    static int[] testLabels(int count) throws Exception {
        float[] labels = firstTestImages(count, true);
        int[] digits = new int[count];
        for (int i = 0; i < count; i++) {
            digits[i] = Math.round(labels[i]);
        }
        return digits;
    }

    /** The first MNIST test images' pixels, one after another, or their labels. */
    private static float[] firstTestImages(int count, boolean labels) throws Exception {
        dev.digits.engine.EngineRuntime pytorch = dev.digits.engine.EngineRuntime.activate(
                new EngineSelection(dev.digits.engine.EngineName.PYTORCH, dev.digits.engine.DeviceChoice.cpu()));
        try (ai.djl.ndarray.NDManager manager = pytorch.engine().newBaseManager()) {
            ai.djl.training.dataset.Dataset test = dev.digits.train.data.MnistFiles.fromCache()
                    .dataset(ai.djl.training.dataset.Dataset.Usage.TEST, count, false, count, manager);
            try (ai.djl.training.dataset.Batch batch = test.getData(manager).iterator().next()) {
                return (labels ? batch.getLabels() : batch.getData()).singletonOrThrow().toFloatArray();
            }
        }
    }

    /** Writes 784 pixels as an 8-bit grey image file, as a user would have the digit. */
    static Path writeImage(float[] pixels, Path file, String format) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 784; p++) {
            image.getRaster().setSample(p % 28, p / 28, 0, Math.round(pixels[p] * 255));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        javax.imageio.ImageIO.write(image, format, file.toFile());
        return file;
    }

    /** An image's bytes as a PNG file holds them: what an upload sends. */
    static byte[] png(java.awt.image.BufferedImage image) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The options followed by more options. */
    static String[] with(String[] options, String... more) {
        String[] all = java.util.Arrays.copyOf(options, options.length + more.length);
        System.arraycopy(more, 0, all, options.length, more.length);
        return all;
    }

    static Path freshDir(String name) throws IOException {
        Path dir = Path.of("target", "test-models", name).toAbsolutePath();
        FileTrees.delete(dir);
        Files.createDirectories(dir.getParent());
        return dir;
    }

    static Path train(String engine, Path dir, String... extra) {
        String previous = System.getProperty(EngineSelection.ENGINE_PROPERTY);
        System.setProperty(EngineSelection.ENGINE_PROPERTY, engine);
        try {
            List<String> args = new ArrayList<>(List.of("train", "-o", dir.toString()));
            List<String> given = List.of(extra);
            for (int i = 0; i < QUICK.length; i++) {
                boolean valued = i + 1 < QUICK.length && !QUICK[i + 1].startsWith("--");
                // An option of the quick recipe that the caller sets is the caller's.
                if (!given.contains(QUICK[i])) {
                    args.add(QUICK[i]);
                    if (valued) {
                        args.add(QUICK[i + 1]);
                    }
                }
                if (valued) {
                    i++;
                }
            }
            args.addAll(given);
            assertThat(DigitsCommand.run(args.toArray(String[]::new))).as("exit code of digits train on " + engine).isZero();
            return dir;
        } finally {
            if (previous == null) {
                System.clearProperty(EngineSelection.ENGINE_PROPERTY);
            } else {
                System.setProperty(EngineSelection.ENGINE_PROPERTY, previous);
            }
        }
    }
}
