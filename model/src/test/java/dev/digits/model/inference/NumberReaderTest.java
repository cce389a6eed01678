package dev.digits.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.image.DigitSegmentation;
import dev.digits.model.image.DrawnInk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How a mark's readings are weighed, with a stand-in for the network: the mark whole reads as a 0,
 * the left piece of every cut as a 1 and the right one as a 7, each as surely as a test says.
 */
class NumberReaderTest {

    private static final int WIDTH = 120;
    private static final int HEIGHT = 50;

    private static DigitSegmentation drawn(int[]... boxes) {
        return DrawnInk.segmentation(WIDTH, HEIGHT, boxes);
    }

    /** A prediction of {@code digit} with probability {@code sure}, the rest spread evenly. */
    private static Prediction reading(int digit, double sure) {
        float[] probabilities = new float[10];
        java.util.Arrays.fill(probabilities, (float) ((1 - sure) / 9));
        probabilities[digit] = (float) sure;
        return Prediction.of(probabilities);
    }

    /**
     * Reads the only mark of an image with the stand-in network. The batch holds the mark whole,
     * then the pieces of each cut in two, left then right, as the segmentation offers them.
     */
    private static String read(int[] box, double whole, double left, double right) {
        DigitSegmentation segmentation = drawn(box);
        List<DigitSegmentation.Mark> marks = segmentation.marks(10);
        assertThat(segmentation.readings(marks.get(0), marks)).as("cuts offered").hasSizeGreaterThan(1)
                .allMatch(reading -> reading.columnRanges().size() <= 2);
        Function<List<float[]>, List<Prediction>> network = batch -> {
            List<Prediction> answers = new ArrayList<>();
            answers.add(reading(0, whole));
            for (int i = 1; i < batch.size(); i++) {
                answers.add(i % 2 == 1 ? reading(1, left) : reading(7, right));
            }
            return answers;
        };
        return NumberReader.read(segmentation, marks, network).number();
    }

    @Test
    void aMarkReadAsSurelyWholeAsCutStaysOneDigit() {
        // As wide as tall: a 0 whose halves read as surely as it does (a 0's halves often read as a sure 6 and 7).
        assertThat(read(new int[] {10, 10, 29, 29}, 0.99, 0.99, 0.99)).isEqualTo("0");
    }

    @Test
    void aMarkWiderThanADigitIsCutWhenItsPiecesReadSurely() {
        // 34 wide, 20 tall: read whole as surely as 0.95, it still pays for width no digit has.
        assertThat(read(new int[] {10, 10, 43, 29}, 0.95, 0.99, 0.99)).isEqualTo("17");
        // As wide as tall, a mark read whole this unsurely is cut.
        assertThat(read(new int[] {10, 10, 29, 29}, 0.3, 0.99, 0.99)).isEqualTo("17");
    }

    @Test
    void aCutPaysForEachOfItsDigits() {
        // Averaged, the pieces (0.9 and 0.35) would look surer than the whole (0.3); multiplied, they are not.
        assertThat(read(new int[] {10, 10, 29, 29}, 0.3, 0.9, 0.35)).isEqualTo("0");
    }
}
