package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.image.InvalidImageException;
import dev.digits.model.inference.DigitRecognizer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MNIST test digits as a drawing app saves them: the strokes on a transparent canvas, in white,
 * black or yellow. White strokes composited onto white paper were blank; each must read as the digit.
 */
class TransparentCanvasTest {

    private static final int DIGITS = 150;
    private static final Color[] INKS = {Color.WHITE, Color.BLACK, Color.YELLOW};

    @Test
    void strokesOnATransparentCanvasReadAsTheDigitInAnyColour() throws Exception {
        List<float[]> digits = TestModels.testDigits(DIGITS);
        int[] same = new int[INKS.length];
        try (DigitRecognizer recognizer = TestModels.recognizer()) {
            for (float[] digit : digits) {
                int itself = recognizer.predict(digit).digit();
                for (int ink = 0; ink < INKS.length; ink++) {
                    try {
                        byte[] png = TestModels.png(onTransparentCanvas(digit, INKS[ink]));
                        same[ink] += recognizer.predict(png).digit() == itself ? 1 : 0;
                    } catch (InvalidImageException blank) {
                        // Read as blank: not the digit.
                    }
                }
            }
        }
        System.out.printf("strokes on a transparent canvas read as the digits themselves: white %d, black %d,"
                + " yellow %d of %d%n", same[0], same[1], same[2], DIGITS);
        // 150 of 150 in each colour here; before, white strokes were read as blank (0 of 150).
        for (int ink = 0; ink < INKS.length; ink++) {
            assertThat(same[ink]).as(INKS[ink].toString()).isGreaterThanOrEqualTo(DIGITS * 95 / 100);
        }
    }

    /** The digit three times its size: its ink as the strokes' opacity, nothing drawn elsewhere. */
    private static BufferedImage onTransparentCanvas(float[] digit, Color ink) {
        BufferedImage canvas = new BufferedImage(84, 84, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 84; x++) {
                int alpha = Math.round(255 * digit[(y / 3) * 28 + x / 3]);
                canvas.setRGB(x, y, alpha << 24 | (ink.getRGB() & 0xFFFFFF));
            }
        }
        return canvas;
    }
}
