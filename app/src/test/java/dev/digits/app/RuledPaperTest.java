package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.inference.DigitRecognizer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MNIST test digits written on a page of a notebook: light ruled lines, or squares, across the
 * whole image and through the digit, tilted a little. The lines used to be read as ink and the
 * digit shrunk among them (a quarter read as the digit itself); each must read as the digit itself.
 */
class RuledPaperTest {

    private static final int DIGITS = 200;
    private static final int SIDE = 130;

    @Test
    void digitsOnRuledAndSquaredPaperReadAsTheDigitsThemselves() throws Exception {
        List<float[]> digits = TestModels.testDigits(DIGITS);
        Random random = new Random(3);
        int ruled = 0;
        int squared = 0;
        try (DigitRecognizer recognizer = TestModels.recognizer()) {
            for (float[] digit : digits) {
                int itself = recognizer.predict(digit).digit();
                ruled += recognizer.predict(TestModels.png(onNotebookPage(digit, false, random))).digit() == itself ? 1 : 0;
                squared += recognizer.predict(TestModels.png(onNotebookPage(digit, true, random))).digit() == itself ? 1 : 0;
            }
        }
        System.out.printf("digits on notebook pages read as the digits themselves: %d of %d ruled, %d of %d squared%n",
                ruled, DIGITS, squared, DIGITS);
        // 198 and 200 here; with the preprocessing before, 51 and 54.
        assertThat(ruled).isGreaterThanOrEqualTo(DIGITS * 95 / 100);
        assertThat(squared).isGreaterThanOrEqualTo(DIGITS * 95 / 100);
    }

    /** The digit three times its size, dark grey, somewhere on a notebook page. */
    private static BufferedImage onNotebookPage(float[] digit, boolean squared, Random random) {
        BufferedImage ink = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        int left = random.nextInt(SIDE - 84);
        int top = random.nextInt(SIDE - 84);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                boolean inside = x >= left && x < left + 84 && y >= top && y < top + 84;
                float level = inside ? digit[((y - top) / 3) * 28 + (x - left) / 3] : 0f;
                ink.getRaster().setSample(x, y, 0, Math.round(255 * (1 - level)));
            }
        }
        return onNotebookPage(ink, squared, random);
    }

    /**
     * Writing (dark on white, grey) put on a white page of a notebook, in dark grey: light blue
     * lines 1 to 2 pixels wide, 26 to 40 apart, tilted by up to 1.5 degrees; squared: both ways.
     */
    static BufferedImage onNotebookPage(BufferedImage writing, boolean squared, Random random) {
        int width = writing.getWidth();
        int height = writing.getHeight();
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(245, 245, 240));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(new Color(160, 190, 235));
        g.setStroke(new BasicStroke(1f + random.nextFloat()));
        double spacing = 26 + 14 * random.nextDouble();
        double tilt = Math.tan(Math.toRadians(-1.5 + 3 * random.nextDouble()));
        for (double at = random.nextDouble() * spacing - spacing; at < Math.max(width, height) + spacing;
                at += spacing) {
            g.draw(new Line2D.Double(0, at, width, at + tilt * width));
            if (squared) {
                g.draw(new Line2D.Double(at, 0, at - tilt * height, height));
            }
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float ink = 1 - writing.getRaster().getSample(x, y, 0) / 255f;
                int under = page.getRGB(x, y);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    rgb = rgb << 8 | Math.round(((under >> shift) & 0xFF) * (1 - ink) + 30 * ink);
                }
                page.setRGB(x, y, rgb);
            }
        }
        return page;
    }
}
