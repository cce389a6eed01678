package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import boofcv.alg.filter.blur.BlurImageOps;
import boofcv.struct.image.GrayF32;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * A soft, low-resolution scan cropped to its ink: a thick 0 whose left stroke is dark and whose
 * right stroke, fainter, runs along the image's right edge. Its darkest ink lies clear of the
 * edges, and the edges differ, so it looked unevenly lit, and the fainter stroke was taken for what
 * light leaves (here Otsu's threshold set it apart from the darker ink; in the benchmark's soft
 * scans the paper's closing also took such strokes for paper): the 0 read as a C, a 6. Nearly all
 * of its ink runs into the edges: it is read against one level of paper, as the textbook pipeline
 * reads it.
 */
class SoftScanTest {

    private static final int WIDTH = 48;
    private static final int HEIGHT = 64;

    /** A thick upright ring touching every edge, dark on the left, grey on the right, blurred (BoofCV). */
    private static BufferedImage softZero() {
        GrayF32 sharp = new GrayF32(WIDTH, HEIGHT);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double r = Math.hypot((x - 23.5) / 22.0, (y - 31.5) / 30.0);
                boolean ring = r > 0.5 && r < 1.06;
                sharp.set(x, y, (float) (ring ? (x < 24 ? 0.1 : 0.55) : 1.0));
            }
        }
        GrayF32 soft = BlurImageOps.gaussian(sharp, null, 1.5, 4, null);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                image.getRaster().setSample(x, y, 0, Math.round(255 * soft.get(x, y)));
            }
        }
        return image;
    }

    @Test
    void theFaintStrokeAlongTheEdgeIsInk() {
        BufferedImage image = softZero();
        float[] grey = GreyLevels.of(image);
        InkDirection direction = InkDirection.of(grey, WIDTH, HEIGHT);
        assertThat(direction.dark()).isTrue();
        for (int i = 0; i < grey.length; i++) {
            grey[i] = 1 - grey[i];
        }
        assertThat(direction.clearOfEdges()).as("the darkest ink lies clear of the soft edges").isTrue();
        assertThat(InkDirection.unevenlyLit(grey, WIDTH, HEIGHT)).as("the edges differ").isTrue();

        float[] ink = DigitImages.ink(image);
        double left = 0;
        double right = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < 8; x++) {
                left += ink[y * WIDTH + x];
                right += ink[y * WIDTH + WIDTH - 1 - x];
            }
        }
        assertThat(left).as("the dark stroke").isGreaterThan(20);
        assertThat(right).as("the grey stroke along the right edge, against the dark one").isGreaterThan(0.3 * left);
    }
}
