package dev.digits.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How marks of ink become digits, on drawn rectangles of ink: no model needed. */
class DigitSegmentationTest {

    private static final int WIDTH = 120;
    private static final int HEIGHT = 50;

    private static void fill(float[] ink, int left, int top, int right, int bottom) {
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                ink[y * WIDTH + x] = 1;
            }
        }
    }

    private static List<DigitSegmentation.Mark> marks(float[] ink) {
        return new DigitSegmentation(ink, WIDTH, HEIGHT).marks(20);
    }

    @Test
    void aFlagDrawnBesideItsDigitJoinsIt() {
        float[] ink = new float[WIDTH * HEIGHT];
        fill(ink, 10, 10, 19, 29); // a 5's body, 20 high
        fill(ink, 21, 10, 30, 12); // its flag, apart and beside it, not over its columns
        fill(ink, 50, 10, 61, 29); // the next digit, 19 columns away
        List<DigitSegmentation.Mark> marks = marks(ink);
        assertThat(marks).hasSize(2);
        assertThat(marks.get(0).left()).isEqualTo(10);
        assertThat(marks.get(0).right()).isEqualTo(30);
        assertThat(marks.get(1).left()).isEqualTo(50);
    }

    @Test
    void aPieceJoinsTheNearerNeighbour() {
        float[] ink = new float[WIDTH * HEIGHT];
        fill(ink, 10, 10, 21, 29);
        fill(ink, 30, 14, 32, 17); // a short piece, 8 columns from the first digit, 2 from the second
        fill(ink, 35, 10, 46, 29);
        List<DigitSegmentation.Mark> marks = marks(ink);
        assertThat(marks).hasSize(2);
        assertThat(marks.get(0).right()).isEqualTo(21);
        assertThat(marks.get(1).left()).isEqualTo(30);
    }

    @Test
    void aShortMarkFarFromTheDigitsStaysApart() {
        float[] ink = new float[WIDTH * HEIGHT];
        fill(ink, 10, 10, 21, 29);
        fill(ink, 40, 26, 42, 29); // further than half a digit's height from anything
        fill(ink, 60, 10, 71, 29);
        assertThat(marks(ink)).hasSize(3);
    }

    @Test
    void aSmallerDigitIsNotAPiece() {
        float[] ink = new float[WIDTH * HEIGHT];
        fill(ink, 10, 10, 21, 29); // 20 high
        fill(ink, 24, 19, 29, 29); // 11 high, more than 0.4 of it: a digit written smaller
        assertThat(marks(ink)).hasSize(2);
    }
}
