package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.inference.DigitRecognizer;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MNIST test digits at their own size, dark on a clean white page 4, 8 and 16 times as wide and
 * tall, somewhere on it: a digit drawn in a paint program on a large canvas. Each must read as the
 * digit itself reads. The preprocessing before took the ink of a digit that is less than 0.5% of
 * the page for specks and answered that the page was blank (this test then failed on the first
 * such page).
 */
class LargePagesTest {

    private static final int DIGITS = 100;

    @Test
    void aSmallDigitOnALargeCleanPageReadsAsTheDigitItself() throws Exception {
        List<float[]> digits = TestModels.testDigits(DIGITS);
        try (DigitRecognizer recognizer = TestModels.recognizer()) {
            for (int times : new int[] {4, 8, 16}) {
                Random where = new Random(times);
                int same = 0;
                for (float[] digit : digits) {
                    int itself = recognizer.predict(digit).digit();
                    byte[] page = TestModels.png(onPage(digit, 28 * times, where));
                    same += recognizer.predict(page).digit() == itself ? 1 : 0;
                }
                System.out.printf("digits on a page %d times their side read as themselves: %d of %d%n", times,
                        same, DIGITS);
                assertThat(same).as("page %d times the digit's side", times).isGreaterThanOrEqualTo(DIGITS * 95 / 100);
            }
        }
    }

    /** The digit's 28x28 pixels, dark on white, at a random place of a white page {@code side} wide and tall. */
    private static BufferedImage onPage(float[] digit, int side, Random where) {
        BufferedImage page = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.image.WritableRaster raster = page.getRaster();
        int left = where.nextInt(side - 27);
        int top = where.nextInt(side - 27);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int dx = x - left;
                int dy = y - top;
                float ink = dx >= 0 && dx < 28 && dy >= 0 && dy < 28 ? digit[dy * 28 + dx] : 0f;
                raster.setSample(x, y, 0, Math.round(255 * (1 - ink)));
            }
        }
        return page;
    }
}
