package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.image.DigitImages;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.image.InvalidImageException;
import dev.digits.model.inference.Prediction;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The recognizer on an untrained network: what it computes, not how well. */
class DigitRecognizerTest {

    @TempDir
    static Path dir;

    private static DigitRecognizer pytorch;

    @BeforeAll
    static void saveAnUntrainedModel() throws IOException {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        ModelFolder folder = new ModelFolder(dir);
        try (Model model = TestModelFolders.untrainedModel(runtime)) {
            TestModelFolders.save(folder, model, runtime);
        }
        pytorch = DigitRecognizer.load(dir, runtime);
    }

    @AfterAll
    static void close() {
        pytorch.close();
    }

    static float[] randomPixels(long seed) {
        return TestModelFolders.randomPixels(seed);
    }

    @Test
    void givesTenProbabilitiesAndTheMostProbableDigit() {
        Prediction prediction = pytorch.predict(randomPixels(1));
        float sum = 0;
        for (float p : prediction.probabilities()) {
            sum += p;
            assertThat(p).isBetween(0f, 1f);
        }
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        float[] p = prediction.probabilities();
        for (float other : p) {
            assertThat(p[prediction.digit()]).isGreaterThanOrEqualTo(other);
        }
    }

    @Test
    void aBatchGivesWhatSingleCallsGive() {
        List<float[]> inputs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            inputs.add(randomPixels(i));
        }
        List<Prediction> batch = pytorch.predictPixels(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            Prediction single = pytorch.predict(inputs.get(i));
            assertThat(batch.get(i).digit()).isEqualTo(single.digit());
            float[] a = batch.get(i).probabilities();
            float[] b = single.probabilities();
            for (int d = 0; d < 10; d++) {
                assertThat(a[d]).isCloseTo(b[d], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineName.class, names = {"PYTORCH", "MXNET"}) // the engines that build networks
    void manyThreadsGetTheSingleThreadedAnswers(EngineName engine) throws Exception {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(engine, DeviceChoice.cpu()));
        try (DigitRecognizer recognizer = DigitRecognizer.load(dir, runtime)) {
            List<float[]> inputs = new ArrayList<>();
            List<Prediction> expected = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                inputs.add(randomPixels(100 + i));
                expected.add(recognizer.predict(inputs.get(i)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 32; t++) {
                    final int offset = t;
                    results.add(pool.submit(() -> {
                        for (int k = 0; k < 20; k++) {
                            int i = (offset * 7 + k) % inputs.size();
                            Prediction got = recognizer.predict(inputs.get(i));
                            if (got.digit() != expected.get(i).digit()
                                    || !closeEnough(got.probabilities(), expected.get(i).probabilities())) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
                System.setProperty("ai.djl.default_engine", "PyTorch");
            }
        }
    }

    private static boolean closeEnough(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-5f) {
                return false;
            }
        }
        return true;
    }

    @Test
    void badPixelsAreRefusedWithTheReason() {
        float[] nan = randomPixels(2);
        nan[5] = Float.NaN;
        float[] bright = randomPixels(2);
        bright[7] = 2f;
        assertThatThrownBy(() -> pytorch.predict(nan)).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("pixel 5 is NaN");
        assertThatThrownBy(() -> pytorch.predict(bright)).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("pixel 7 is 2.0");
        assertThatThrownBy(() -> pytorch.predict(new float[100])).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("expected 784 pixels");
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A valid PNG header that claims a huge image, the start of a decompression bomb. */
    static byte[] pngClaiming(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 25);
        buffer.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        buffer.putInt(13);
        int start = buffer.position();
        buffer.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height);
        buffer.put(new byte[] {8, 0, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), start, 17);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    @Test
    void badImageBytesAreRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> pytorch.predict(new byte[0])).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> pytorch.predict("hello".getBytes())).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("not an image");
        BufferedImage image = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        byte[] whole = png(image);
        assertThatThrownBy(() -> pytorch.predict(Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("cannot be decoded");
        assertThatThrownBy(() -> pytorch.predict(pngClaiming(100_000, 100_000)))
                .isInstanceOf(InvalidImageException.class)
                .satisfies(e -> assertThat(((InvalidImageException) e).reason())
                        .isEqualTo(InvalidImageException.Reason.TOO_LARGE))
                .hasMessageContaining("100000x100000");
    }

    @Test
    void formatsAndDepthsBeyondTheDocumentedOnesAreRefusedByName() throws IOException {
        BufferedImage digit = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        digit.getRaster().setSample(20, 20, 0, 255);
        for (String format : List.of("tiff", "wbmp")) {
            BufferedImage image = format.equals("wbmp")
                    ? new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_BINARY) : digit;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(image, format, out)).as(format).isTrue();
            assertThatThrownBy(() -> pytorch.predict(out.toByteArray())).as(format)
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining("digits reads PNG, JPEG, GIF and BMP");
        }
        // 32-bit grey samples, as an image made in memory may have: no levels of [0, 1].
        java.awt.image.ColorModel grey32 = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY), new int[] {32}, false, false,
                java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_INT);
        BufferedImage deep = new BufferedImage(grey32, grey32.createCompatibleWritableRaster(40, 40), false, null);
        deep.getRaster().setSample(20, 20, 0, Integer.MAX_VALUE);
        assertThatThrownBy(() -> pytorch.predict(deep)).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("32-bit samples");
    }

    @Test
    void anImageThatFailsUnexpectedlyCostsOnlyItsOwnAnswer() {
        BufferedImage ring = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = ring();
        for (int i = 0; i < 784; i++) {
            ring.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        List<dev.digits.model.inference.Reading> readings = pytorch.readEach(List.of(() -> ring, () -> {
            throw new IllegalStateException("a decoder's own bug");
        }, () -> ring));
        assertThat(readings.get(0).ok()).isTrue();
        assertThat(readings.get(1).ok()).isFalse();
        assertThat(readings.get(1).error()).contains("cannot be read").contains("a decoder's own bug");
        assertThat(readings.get(2).prediction()).isEqualTo(readings.get(0).prediction());
        assertThatThrownBy(() -> pytorch.readNumber(() -> {
            throw new ArrayIndexOutOfBoundsException("a decoder's own bug");
        })).isInstanceOf(InvalidImageException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void blankImagesAndAllZeroPixelsAreRefused() throws IOException {
        BufferedImage paper = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = paper.createGraphics();
        g.setColor(new Color(235, 232, 225));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        BufferedImage black = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (Object blank : List.of(paper, png(paper), black, new float[784])) {
            assertThatThrownBy(() -> {
                if (blank instanceof BufferedImage image) {
                    pytorch.predict(image);
                } else if (blank instanceof byte[] bytes) {
                    pytorch.predict(bytes);
                } else {
                    pytorch.predict((float[]) blank);
                }
            })
                    .isInstanceOf(InvalidImageException.class)
                    .satisfies(e -> assertThat(((InvalidImageException) e).reason())
                            .isEqualTo(InvalidImageException.Reason.BLANK));
        }
        // One faint mark is still a digit to read.
        float[] dot = new float[784];
        dot[400] = 0.05f;
        assertIsADistribution(pytorch.predict(dot));
    }

    /** Ten probabilities in [0, 1] that sum to 1, the most probable one the digit. */
    static void assertIsADistribution(Prediction prediction) {
        float sum = 0;
        float max = 0;
        for (float p : prediction.probabilities()) {
            assertThat(p).isBetween(0f, 1f);
            sum += p;
            max = Math.max(max, p);
        }
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(prediction.confidence()).isEqualTo(max);
    }

    /** An MNIST-like digit: a bright ring, light on dark, centred in 28x28. */
    static float[] ring() {
        float[] pixels = new float[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double r = Math.hypot(x - 13.5, y - 13.5);
                pixels[y * 28 + x] = r > 5 && r < 8 ? 1f : 0f;
            }
        }
        return pixels;
    }

    @Test
    void anMnistFormatImageKeepsItsPixels() {
        float[] pixels = ring();
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            image.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        assertThat(DigitImages.toMnistPixels(image)).containsExactly(pixels);
        assertThat(pytorch.predict(image)).isEqualTo(pytorch.predict(pixels));
    }

    @Test
    void pngGifAndBmpBytesReadLikeTheImageAndJpegClose() throws IOException {
        BufferedImage photo = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 90);
        g.setColor(Color.BLACK);
        g.setStroke(new java.awt.BasicStroke(8));
        g.drawOval(40, 15, 40, 60);
        g.dispose();
        float[] expected = DigitImages.toMnistPixels(photo);
        for (String format : List.of("png", "gif", "bmp", "jpeg")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(photo, format, out)).as(format).isTrue();
            float[] read = DigitImages.toMnistPixels(ImageDecoder.decode(out.toByteArray(), 1 << 20));
            float worst = 0;
            float total = 0;
            for (int i = 0; i < read.length; i++) {
                worst = Math.max(worst, Math.abs(read[i] - expected[i]));
                total += Math.abs(read[i] - expected[i]);
            }
            if (format.equals("jpeg")) {
                // JPEG's artefacts move pixels along the stroke's edges, a little on average.
                assertThat(total / read.length).as(format).isLessThan(0.03f);
            } else {
                assertThat(worst).as(format).isZero();
            }
            assertIsADistribution(pytorch.predict(out.toByteArray()));
        }
    }

    @Test
    void aDarkOnLightPhotoIsInvertedCroppedScaledAndCentred() {
        // The ring drawn big, dark on white, in a corner of a large canvas.
        BufferedImage photo = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(new Color(30, 30, 40));
        g.setStroke(new java.awt.BasicStroke(12));
        g.drawOval(190, 90, 80, 80);
        g.dispose();
        float[] pixels = DigitImages.toMnistPixels(photo);
        int left = 28;
        int right = -1;
        double mass = 0;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < 784; i++) {
            if (pixels[i] > 0.3f) {
                left = Math.min(left, i % 28);
                right = Math.max(right, i % 28);
            }
            mass += pixels[i];
            cx += pixels[i] * (i % 28);
            cy += pixels[i] * (i / 28);
        }
        assertThat(right - left + 1).isBetween(18, 21);
        assertThat(cx / mass).isCloseTo(14.0, org.assertj.core.data.Offset.offset(0.6));
        assertThat(cy / mass).isCloseTo(14.0, org.assertj.core.data.Offset.offset(0.6));
        assertThat(pixels[0]).isZero();
    }
}
