package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What RuledLines takes for a printed line (thin, sharp, fainter than the pen, from edge to edge,
 * one of several) and what it leaves: the strokes crossing the lines, and a digit's own straight
 * strokes, which are as strong as its ink.
 */
class RuledLinesTest {

    private static final int SIDE = 120;
    private static final float LINE = 0.25f;

    /** Horizontal lines of {@code level}, one pixel thick, at the rows given, across the whole width. */
    private static void lines(float[] ink, float level, int... rows) {
        for (int row : rows) {
            for (int x = 0; x < SIDE; x++) {
                ink[row * SIDE + x] = Math.max(ink[row * SIDE + x], level);
            }
        }
    }

    /** A stroke of full ink, {@code thickness} wide, from one point to another. */
    private static void stroke(float[] ink, int x0, int y0, int x1, int y1, int thickness) {
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        for (int s = 0; s <= steps; s++) {
            int x = x0 + (x1 - x0) * s / Math.max(1, steps);
            int y = y0 + (y1 - y0) * s / Math.max(1, steps);
            for (int dy = 0; dy < thickness; dy++) {
                for (int dx = 0; dx < thickness; dx++) {
                    int px = Math.min(SIDE - 1, x + dx);
                    int py = Math.min(SIDE - 1, y + dy);
                    ink[py * SIDE + px] = 1f;
                }
            }
        }
    }

    /** Nothing is taken for a line: the image is as it was. */
    private static void assertLeftAlone(float[] ink) {
        float[] before = ink.clone();
        assertThat(RuledLines.remove(ink, SIDE, SIDE)).isZero();
        assertThat(ink).containsExactly(before);
    }

    @Test
    void printedLinesGoAndTheStrokesCrossingThemStay() {
        float[] ink = new float[SIDE * SIDE];
        lines(ink, LINE, 18, 48, 78, 108);
        stroke(ink, 60, 20, 60, 100, 4);
        stroke(ink, 40, 60, 80, 60, 4);

        assertThat(RuledLines.remove(ink, SIDE, SIDE)).isEqualTo(4);

        for (int row : new int[] {18, 48, 78, 108}) {
            assertThat(ink[row * SIDE + 10]).as("line %d on paper", row).isLessThan(0.02f);
        }
        assertThat(ink[48 * SIDE + 61]).as("the stroke where it crosses a line").isGreaterThan(0.9f);
        assertThat(ink[78 * SIDE + 61]).as("the stroke where it crosses a line").isGreaterThan(0.9f);
        assertThat(ink[61 * SIDE + 50]).as("the bar").isEqualTo(1f);
    }

    @Test
    void squaredPaperLosesBothWays() {
        float[] ink = new float[SIDE * SIDE];
        lines(ink, LINE, 15, 45, 75, 105);
        for (int column : new int[] {15, 45, 75, 105}) {
            for (int y = 0; y < SIDE; y++) {
                ink[y * SIDE + column] = LINE;
            }
        }
        stroke(ink, 30, 30, 90, 90, 3);

        assertThat(RuledLines.remove(ink, SIDE, SIDE)).isEqualTo(8);
        assertThat(ink[100 * SIDE + 45]).as("a column line on paper").isLessThan(0.02f);
        assertThat(ink[15 * SIDE + 100]).as("a row line on paper").isLessThan(0.02f);
        assertThat(ink[61 * SIDE + 61]).as("the stroke").isEqualTo(1f);
    }

    @Test
    void aDigitsOwnStraightStrokesStay() {
        // A 4 of straight thin strokes, cropped tight: its stem and bar run from edge to edge.
        float[] ink = new float[SIDE * SIDE];
        stroke(ink, 80, 0, 80, SIDE - 1, 2);
        stroke(ink, 0, 80, SIDE - 1, 80, 2);
        stroke(ink, 80, 0, 0, 80, 2);
        assertLeftAlone(ink);
    }

    @Test
    void oneFaintStraightStrokeFromEdgeToEdgeStays() {
        float[] ink = new float[SIDE * SIDE];
        lines(ink, LINE, 60);
        stroke(ink, 30, 30, 90, 40, 3);
        assertLeftAlone(ink);
    }

    @Test
    void aFaintStraightStrokeEndingOnPaperStays() {
        // A pencil-light bar across more than half the page, beside printed lines: a stroke ends on paper.
        float[] ink = new float[SIDE * SIDE];
        lines(ink, LINE, 20, 80, 110);
        for (int x = 25; x < 95; x++) {
            ink[50 * SIDE + x] = LINE;
        }
        stroke(ink, 30, 30, 90, 90, 3);

        assertThat(RuledLines.remove(ink, SIDE, SIDE)).isEqualTo(3);
        assertThat(ink[50 * SIDE + 40]).as("the bar").isEqualTo(LINE);
    }

    @Test
    void linesAsStrongAsTheInkStay() {
        float[] ink = new float[SIDE * SIDE];
        lines(ink, 1f, 20, 50, 80, 110);
        stroke(ink, 30, 30, 90, 90, 3);
        assertLeftAlone(ink);
    }

    @Test
    void linesAlongTheEdgesGoOnlyOnRuledPaper() {
        // Along the edges, with paper on one side only, a line may be a tightly cropped digit's stroke.
        float[] alone = new float[SIDE * SIDE];
        lines(alone, LINE, 1, SIDE - 2);
        stroke(alone, 30, 30, 90, 90, 3);
        assertLeftAlone(alone);

        float[] ruled = alone.clone();
        lines(ruled, LINE, 31, 61, 91);
        assertThat(RuledLines.remove(ruled, SIDE, SIDE)).isEqualTo(5);
        assertThat(ruled[SIDE + 10]).as("the line along the top edge").isLessThan(0.02f);
        assertThat(ruled[(SIDE - 2) * SIDE + 10]).as("the line along the bottom edge").isLessThan(0.02f);
    }
}
