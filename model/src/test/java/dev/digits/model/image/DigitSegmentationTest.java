package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How marks of ink become digits, on drawn rectangles of ink: no model needed. */
class DigitSegmentationTest {

    private static final int WIDTH = 120;
    private static final int HEIGHT = 50;

    /** An image whose ink is the given boxes: left, top, right, bottom, inclusive. */
    private static DigitSegmentation drawn(int[]... boxes) {
        float[] ink = new float[WIDTH * HEIGHT];
        for (int[] box : boxes) {
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    ink[y * WIDTH + x] = 1;
                }
            }
        }
        return new DigitSegmentation(ink, WIDTH, HEIGHT);
    }

    private static List<DigitSegmentation.Mark> marks(int[]... boxes) {
        return drawn(boxes).marks(20);
    }

    /** The prior given to reading the {@code index}-th mark whole, rather than cut. */
    private static double wholePrior(int index, int[]... boxes) {
        DigitSegmentation segmentation = drawn(boxes);
        List<DigitSegmentation.Mark> marks = segmentation.marks(20);
        List<DigitSegmentation.Reading> readings = segmentation.readings(marks.get(index), marks);
        assertThat(readings).as("a wide mark is also offered cut").hasSizeGreaterThan(1);
        return readings.get(0).prior();
    }

    @Test
    void aFlagDrawnBesideItsDigitJoinsIt() {
        List<DigitSegmentation.Mark> marks = marks(
                new int[] {10, 10, 19, 29}, // a 5's body, 20 high
                new int[] {21, 10, 30, 12}, // its flag, apart and beside it, not over its columns
                new int[] {50, 10, 61, 29}); // the next digit, 19 columns away
        assertThat(marks).hasSize(2);
        assertThat(marks.get(0).left()).isEqualTo(10);
        assertThat(marks.get(0).right()).isEqualTo(30);
        assertThat(marks.get(1).left()).isEqualTo(50);
    }

    @Test
    void aPieceJoinsTheNearerNeighbour() {
        List<DigitSegmentation.Mark> marks = marks(
                new int[] {10, 10, 21, 29},
                new int[] {30, 14, 32, 17}, // a short piece, 8 columns from the first digit, 2 from the second
                new int[] {35, 10, 46, 29});
        assertThat(marks).hasSize(2);
        assertThat(marks.get(0).right()).isEqualTo(21);
        assertThat(marks.get(1).left()).isEqualTo(30);
    }

    @Test
    void aShortMarkFarFromTheDigitsStaysApart() {
        List<DigitSegmentation.Mark> marks = marks(
                new int[] {10, 10, 21, 29},
                new int[] {40, 26, 42, 29}, // further than half a digit's height from anything
                new int[] {60, 10, 71, 29});
        assertThat(marks).hasSize(3);
    }

    @Test
    void aSmallerDigitIsNotAPiece() {
        List<DigitSegmentation.Mark> marks = marks(
                new int[] {10, 10, 21, 29}, // 20 high
                new int[] {24, 19, 29, 29}); // 11 high, more than 0.4 of it: a digit written smaller
        assertThat(marks).hasSize(2);
    }

    @Test
    void aWideDigitAmongOnesIsNotTakenForTwo() {
        // A 0 as wide as 1.2 times its height, among 1s: far wider than they are, no wider than they are tall.
        double prior = wholePrior(1,
                new int[] {10, 10, 13, 29}, new int[] {20, 10, 43, 29}, new int[] {50, 10, 53, 29},
                new int[] {60, 10, 63, 29});
        assertThat(prior).isZero();
    }

    @Test
    void aMarkFarWiderThanTheDigitsAreTallIsLikelyTwo() {
        double prior = wholePrior(1,
                new int[] {5, 10, 16, 29}, new int[] {22, 10, 55, 29}, new int[] {62, 10, 73, 29}); // 34 wide, 20 tall
        assertThat(prior).isNegative();
    }
}
