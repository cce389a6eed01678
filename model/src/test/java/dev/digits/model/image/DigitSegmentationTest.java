package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How marks of ink become digits, on drawn rectangles of ink: no model needed. */
class DigitSegmentationTest {

    private static final int WIDTH = 120;
    private static final int HEIGHT = 50;

    private static DigitSegmentation drawn(int[]... boxes) {
        return DrawnInk.segmentation(WIDTH, HEIGHT, boxes);
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
                new int[] {40, 23, 45, 29}, // further than half a digit's height from anything; 42 of 240 pixels
                new int[] {60, 10, 71, 29});
        assertThat(marks).hasSize(3);
    }

    @Test
    void aDotFarFromAThinDigitIsDust() {
        List<DigitSegmentation.Mark> marks = marks(
                new int[] {10, 10, 12, 39}, // a 1 drawn with a thin pen: 90 pixels
                new int[] {40, 20, 42, 22}); // 9 pixels, 27 columns away: a tenth of the digit's ink
        assertThat(marks).hasSize(1);
        assertThat(marks.get(0).left()).isEqualTo(10);
        assertThat(marks.get(0).right()).isEqualTo(12);
    }

    @Test
    void theSameDotNearTheDigitIsAPieceOfIt() {
        List<DigitSegmentation.Mark> marks = marks(
                new int[] {10, 10, 12, 39},
                new int[] {18, 20, 20, 22}); // 5 columns away: a stroke the pen broke
        assertThat(marks).hasSize(1);
        assertThat(marks.get(0).right()).isEqualTo(20);
    }

    @Test
    void aSmallerDigitIsNotAPiece() {
        List<DigitSegmentation.Mark> marks = marks(
                new int[] {10, 10, 21, 29}, // 20 high
                new int[] {24, 19, 29, 29}); // 11 high, more than 0.4 of it: a digit written smaller
        assertThat(marks).hasSize(2);
    }

    /** The readings of the {@code index}-th mark. */
    private static List<DigitSegmentation.Reading> readings(int index, int[]... boxes) {
        DigitSegmentation segmentation = drawn(boxes);
        List<DigitSegmentation.Mark> marks = segmentation.marks(20);
        return segmentation.readings(marks.get(index), marks);
    }

    @Test
    void aWideDigitIsJudgedByTheDigitsHeightNotByItsNeighboursWidths() {
        // A 0 1.2 times as wide as the digits are tall: among 1s, doubted as much as among digits as wide as it.
        double amongOnes = wholePrior(1,
                new int[] {10, 10, 13, 29}, new int[] {20, 10, 43, 29}, new int[] {50, 10, 53, 29},
                new int[] {60, 10, 63, 29});
        double amongWide = wholePrior(1,
                new int[] {0, 10, 15, 29}, new int[] {20, 10, 43, 29}, new int[] {50, 10, 65, 29},
                new int[] {70, 10, 85, 29});
        assertThat(amongOnes).isEqualTo(amongWide)
                .isCloseTo(-DigitSegmentation.WIDTH_COST * (24.0 / 20 - DigitSegmentation.WIDE), within(1e-9));
        // Less than the cost of a digit more: a 0 read as surely as its halves stays a 0.
        assertThat(amongOnes).isGreaterThan(DigitSegmentation.DIGIT_COST);
    }

    @Test
    void aMarkFarWiderThanTheDigitsAreTallIsDoubtedMore() {
        double wide = wholePrior(1,
                new int[] {5, 10, 16, 29}, new int[] {22, 10, 55, 29}, new int[] {62, 10, 73, 29}); // 34 wide, 20 tall
        double digitWide = wholePrior(1,
                new int[] {5, 10, 16, 29}, new int[] {22, 10, 39, 29}, new int[] {62, 10, 73, 29}); // 18 wide
        assertThat(wide).isLessThan(digitWide);
        assertThat(digitWide).isZero();
    }

    @Test
    void aMarkNarrowerThanADigitIsReadWholeOnly() {
        // 17 wide, 20 tall, among digits 20 tall: under 0.9 of their height.
        assertThat(readings(1, new int[] {5, 10, 16, 29}, new int[] {22, 10, 38, 29}, new int[] {62, 10, 73, 29}))
                .hasSize(1);
        // 18 wide: offered cuts.
        assertThat(readings(1, new int[] {5, 10, 16, 29}, new int[] {22, 10, 39, 29}, new int[] {62, 10, 73, 29}))
                .hasSizeGreaterThan(1);
    }

    @Test
    void aWideMarkIsOfferedCutsThatLeaveTwoDigitWidePieces() {
        // 34 wide, digits 20 tall: pieces at least 8 wide, so the right piece starts at a column
        // from 30 to 48; 19 such columns, every third taken to offer at most 8.
        List<DigitSegmentation.Reading> readings = readings(1,
                new int[] {5, 10, 16, 29}, new int[] {22, 10, 55, 29}, new int[] {62, 10, 73, 29});
        List<DigitSegmentation.Reading> cuts = readings.subList(1, readings.size());
        assertThat(cuts).hasSize(7).allSatisfy(cut -> {
            assertThat(cut.columnRanges()).hasSize(2);
            assertThat(cut.prior()).isEqualTo(DigitSegmentation.DIGIT_COST);
            int[] left = cut.columnRanges().get(0);
            int[] right = cut.columnRanges().get(1);
            assertThat(left[0]).isEqualTo(22);
            assertThat(right[1]).isEqualTo(55);
            assertThat(right[0]).isEqualTo(left[1] + 1).isBetween(30, 48);
        });
        assertThat(cuts.get(0).columnRanges().get(1)[0]).isEqualTo(30);
        assertThat(cuts.get(6).columnRanges().get(1)[0]).isEqualTo(48);
    }

    @Test
    void aLongMarkIsOfferedFewReadingsWhateverItsLength() {
        // A bar 88 wide between digits 20 tall: no two pieces of it are both as narrow as a digit.
        List<DigitSegmentation.Reading> readings = readings(1,
                new int[] {0, 10, 11, 29}, new int[] {16, 15, 103, 24}, new int[] {108, 10, 119, 29});
        assertThat(readings).hasSizeLessThanOrEqualTo(2).noneMatch(reading -> reading.columnRanges().size() == 2);
    }

    @Test
    void aMarkWideEnoughForThreeIsAlsoOfferedCutInThree() {
        List<DigitSegmentation.Reading> readings = readings(0, new int[] {5, 10, 44, 29}); // 40 wide, 20 tall, alone
        assertThat(readings).anySatisfy(reading -> {
            assertThat(reading.columnRanges()).hasSize(3);
            assertThat(reading.prior()).isEqualTo(2 * DigitSegmentation.DIGIT_COST);
        });
    }
}
