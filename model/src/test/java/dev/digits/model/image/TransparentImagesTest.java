package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/**
 * Images with transparency read as they are shown: a drawing app's strokes on a transparent canvas
 * whatever their colour, and a page with transparent corners as the page.
 */
class TransparentImagesTest {

    @Test
    void strokesOnATransparentCanvasReadAlikeInWhiteBlackAndColour() {
        float[] black = DigitImages.toMnistPixels(seven(Color.BLACK));
        assertThat(max(black)).isEqualTo(1f);
        // White strokes composited onto white paper were blank.
        assertThat(DigitImages.toMnistPixels(seven(Color.WHITE))).containsExactly(black, within(1e-5f));
        assertThat(DigitImages.toMnistPixels(seven(Color.YELLOW))).containsExactly(black, within(1e-3f));
        assertThat(DigitImages.toMnistPixels(seven(Color.BLUE))).containsExactly(black, within(1e-3f));
    }

    @Test
    void greyWithAlphaReadsLikeColourWithAlpha() {
        BufferedImage colour = seven(Color.WHITE);
        ColorModel greyAlpha = new ComponentColorModel(java.awt.color.ColorSpace.getInstance(
                java.awt.color.ColorSpace.CS_GRAY), true, false, java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = greyAlpha.createCompatibleWritableRaster(colour.getWidth(), colour.getHeight());
        for (int y = 0; y < colour.getHeight(); y++) {
            for (int x = 0; x < colour.getWidth(); x++) {
                int argb = colour.getRGB(x, y);
                raster.setSample(x, y, 0, argb & 0xFF);
                raster.setSample(x, y, 1, argb >>> 24);
            }
        }
        BufferedImage grey = new BufferedImage(greyAlpha, raster, false, null);
        assertThat(DigitImages.toMnistPixels(grey)).containsExactly(DigitImages.toMnistPixels(colour), within(1e-5f));
    }

    @Test
    void aPageWithTransparentCornersReadsAsThePage() {
        BufferedImage page = new BufferedImage(120, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 120);
        g.dispose();
        drawSeven(page, new Color(40, 40, 60), 20);
        float[] opaque = DigitImages.toMnistPixels(page);
        // Turned in an editor: the corners outside the turned page are transparent (a fifth of the image).
        Graphics2D clear = page.createGraphics();
        clear.setComposite(AlphaComposite.Clear);
        for (int[] corner : new int[][] {{0, 0}, {120, 0}, {120, 120}, {0, 120}}) {
            clear.fill(new Polygon(new int[] {corner[0], corner[0] == 0 ? 36 : 84, corner[0]},
                    new int[] {corner[1], corner[1], corner[1] == 0 ? 36 : 84}, 3));
        }
        clear.dispose();
        assertThat(DigitImages.toMnistPixels(page)).containsExactly(opaque, within(1e-5f));
    }

    @Test
    void theCanvasIsDarkOnlyWhereMostIsTransparentAndTheDrawingLight() {
        float[] grey = {1f, 1f, 0f, 0f};
        assertThat(GreyLevels.paperUnderTransparency(grey, new float[] {1f, 0f, 0f, 0f})).isEqualTo(0f);
        // Dark drawing, or most of the image opaque, or nothing drawn: white paper, as a page shows it.
        assertThat(GreyLevels.paperUnderTransparency(new float[] {0.2f, 1f, 0f, 0f},
                new float[] {1f, 0f, 0f, 0f})).isEqualTo(1f);
        assertThat(GreyLevels.paperUnderTransparency(grey, new float[] {1f, 1f, 1f, 0f})).isEqualTo(1f);
        assertThat(GreyLevels.paperUnderTransparency(grey, new float[4])).isEqualTo(1f);
    }

    /** A 7 drawn in {@code colour} on a transparent canvas, soft-edged, as a drawing app saves it. */
    private static BufferedImage seven(Color colour) {
        BufferedImage canvas = new BufferedImage(140, 140, BufferedImage.TYPE_INT_ARGB);
        drawSeven(canvas, colour, 14);
        return canvas;
    }

    private static void drawSeven(BufferedImage image, Color colour, float width) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(colour);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int s = image.getWidth();
        g.drawLine(s * 3 / 10, s / 4, s * 7 / 10, s / 4);
        g.drawLine(s * 7 / 10, s / 4, s * 4 / 10, s * 3 / 4);
        g.dispose();
    }

    private static float max(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
