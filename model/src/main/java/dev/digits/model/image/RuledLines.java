package dev.digits.model.image;

import dev.digits.model.image.LineFinder.Band;
import dev.digits.model.image.LineFinder.Line;
import java.util.List;

/**
 * Takes the printed lines of ruled and squared paper out of an image (ink bright), lines that
 * {@link LineFinder} finds across the rows and down the columns, fainter than the pen. A line's
 * pixels become what lies just beside them: ink where a stroke crosses the line, paper where a
 * stroke ends on it; pixels as strong as the pen are a stroke lying along the line, and stay.
 * Nothing is removed unless two lines or more are found: a single straight line from edge to edge
 * may be a stroke (a 1, cropped tight).
 *
 * <p>Measured on the reading benchmark's dev halves (docs/reading.md, "Ruled paper"): no line
 * found in any image of the sixteen other kinds; ruled paper read 98.0% instead of 56.6% (robust
 * model).
 */
final class RuledLines {

    /**
     * A printed line is fainter than the pen: its level above the paper's at most this share of
     * the ink's. A digit's own straight strokes are as strong as the rest of its ink.
     */
    private static final float FAINTER = 0.75f;

    private RuledLines() {}

    /**
     * Removes the lines, across rows and down columns, in place; only where there are two or more.
     *
     * @param ink levels, ink bright, row by row
     * @return how many lines were removed
     */
    static int remove(float[] ink, int width, int height) {
        if (height < 2 * LineFinder.THICKEST + 1 || width < 2 * LineFinder.THICKEST + 1) {
            return 0;
        }
        Tails levels = Tails.of(ink);
        // The paper: the median level; the pen: the brightest but a thousandth of the pixels.
        float paper = levels.lowest(ink.length / 2);
        float pen = levels.highest(ink.length / 1000);
        float faintest = paper + FAINTER * (pen - paper);
        List<Line> across = LineFinder.find(ink, width, height, faintest);
        float[] turned = transpose(ink, width, height);
        List<Line> down = LineFinder.find(turned, height, width, faintest);
        if (across.size() + down.size() < 2) {
            return 0;
        }
        if (!down.isEmpty()) {
            erase(turned, height, width, down, pen);
            System.arraycopy(transpose(turned, height, width), 0, ink, 0, ink.length);
        }
        erase(ink, width, height, across, pen);
        return across.size() + down.size();
    }

    /**
     * Erases the lines: their pixels nearer the line's level than the pen's become what lies beside
     * them; nearer the pen's, they are a stroke on the line, and stay.
     */
    private static void erase(float[] ink, int width, int height, List<Line> lines, float pen) {
        for (Line line : lines) {
            float stroke = (LineFinder.level(ink, width, line) + pen) / 2;
            int pieces = line.pieces();
            for (int p = 0; p < pieces; p++) {
                Band band = line.nearest(p);
                fill(ink, width, height, band.first() - 1, band.last() + 1, p * width / pieces,
                        (p + 1) * width / pieces, stroke);
            }
        }
    }

    /**
     * Replaces rows {@code from} to {@code to} (clipped to the image) of columns {@code left} to
     * {@code right} (exclusive) by the fainter of the rows just outside them (at an edge, the row on
     * the inner side), but for pixels at least as bright as {@code stroke}: ink where a stroke
     * crosses, paper where one ends on the line.
     */
    private static void fill(float[] ink, int width, int height, int from, int to, int left, int right,
            float stroke) {
        int top = Math.max(0, from);
        int bottom = Math.min(height - 1, to);
        int before = top - 1;
        int after = bottom + 1;
        if (before < 0 && after >= height) {
            return;
        }
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x < right; x++) {
                if (ink[y * width + x] >= stroke) {
                    continue;
                }
                ink[y * width + x] = before < 0 ? ink[after * width + x]
                        : after >= height ? ink[before * width + x]
                        : Math.min(ink[before * width + x], ink[after * width + x]);
            }
        }
    }

    private static float[] transpose(float[] levels, int width, int height) {
        float[] turned = new float[levels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                turned[x * height + y] = levels[y * width + x];
            }
        }
        return turned;
    }
}
