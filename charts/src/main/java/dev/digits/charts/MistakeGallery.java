package dev.digits.charts;

import dev.digits.model.evaluation.Mistake;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A grid of the most confidently wrong test images, each labelled with the true digit, the
 * predicted digit and the model's confidence. Drawn with Java 2D: a chart library has no
 * picture grid.
 */
public final class MistakeGallery {

    static final int COLUMNS = 5;
    static final int SCALE = 4;
    static final int CELL = Mistake.SIDE * SCALE;
    static final int LABEL = 34;
    static final int GAP = 14;
    static final int HEADER = 44;

    private MistakeGallery() {}

    public static BufferedImage image(List<Mistake> mistakes, String title) {
        int count = mistakes.size();
        int rows = Math.max(1, (count + COLUMNS - 1) / COLUMNS);
        int width = GAP + COLUMNS * (CELL + GAP);
        int height = HEADER + rows * (CELL + LABEL + GAP) + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            centre(g, title, width / 2, 28);
            if (count == 0) {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
                centre(g, "no mistakes", width / 2, HEADER + CELL / 2);
            }
            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            for (int i = 0; i < count; i++) {
                Mistake mistake = mistakes.get(i);
                int x = GAP + (i % COLUMNS) * (CELL + GAP);
                int y = HEADER + (i / COLUMNS) * (CELL + LABEL + GAP);
                drawDigit(g, mistake.pixels(), x, y);
                g.setColor(new Color(0xC8431A));
                g.setStroke(new BasicStroke(2));
                g.drawRect(x - 1, y - 1, CELL + 1, CELL + 1);
                g.setColor(Color.BLACK);
                g.setFont(labelFont);
                centre(g, "true " + mistake.trueDigit() + ", predicted " + mistake.predictedDigit(),
                        x + CELL / 2, y + CELL + 14);
                centre(g, String.format(Locale.ROOT, "confidence %.1f%%", mistake.confidence() * 100),
                        x + CELL / 2, y + CELL + 28);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawDigit(Graphics2D g, int[] pixels, int x, int y) {
        for (int r = 0; r < Mistake.SIDE; r++) {
            for (int c = 0; c < Mistake.SIDE; c++) {
                // Ink dark on paper light, as a person wrote it.
                int level = 255 - Math.max(0, Math.min(255, pixels[r * Mistake.SIDE + c]));
                g.setColor(new Color(level, level, level));
                g.fillRect(x + c * SCALE, y + r * SCALE, SCALE, SCALE);
            }
        }
    }

    private static void centre(Graphics2D g, String text, int centreX, int baseline) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, centreX - metrics.stringWidth(text) / 2, baseline);
    }
}
