package dev.digits.train.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Touching pairs: two digits of a batch side by side, framed as the reader frames a mark, labelled as none. */
class TouchingPairsTest {

    private static final int SIDE = 28;

    /** A ring 12 wide and 20 tall, like a 0, centred as MNIST centres its digits. */
    private static float[] ring() {
        float[] pixels = new float[SIDE * SIDE];
        for (int y = 4; y < 24; y++) {
            for (int x = 8; x < 20; x++) {
                boolean edge = y < 6 || y > 21 || x < 10 || x > 17;
                pixels[y * SIDE + x] = edge ? 1f : 0f;
            }
        }
        return pixels;
    }

    /** Left, top, right, bottom of the pixels above 0.1. */
    private static int[] inkBox(float[] images, int start) {
        int[] box = {SIDE, SIDE, -1, -1};
        for (int i = 0; i < SIDE * SIDE; i++) {
            if (images[start + i] > 0.1f) {
                box[0] = Math.min(box[0], i % SIDE);
                box[1] = Math.min(box[1], i / SIDE);
                box[2] = Math.max(box[2], i % SIDE);
                box[3] = Math.max(box[3], i / SIDE);
            }
        }
        return box;
    }

    @Test
    void aPairIsTwoDigitsWideFramedToTheReadersTwentyPixels() {
        float[] two = new float[2 * SIDE * SIDE];
        System.arraycopy(ring(), 0, two, 0, SIDE * SIDE);
        System.arraycopy(ring(), 0, two, SIDE * SIDE, SIDE * SIDE);
        for (int seed = 0; seed < 20; seed++) {
            int[] box = inkBox(TouchingPairs.compose(two, 0, SIDE * SIDE, new Random(seed)), 0);
            int width = box[2] - box[0] + 1;
            int height = box[3] - box[1] + 1;
            // Two rings of 12 overlapping by 0 to 3 columns: 21 to 24 wide, 20 to 24 tall before framing.
            assertThat(width).as("seed %d", seed).isEqualTo(20);
            assertThat(height).as("seed %d", seed).isBetween(15, 20);
        }
    }

    @Test
    void pairsReplaceSomeImagesAndRelabelThemAsNoDigitLeavingTheRestAsTheyWere() {
        int count = 64;
        float[] batch = new float[count * SIDE * SIDE];
        float[] labels = new float[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(ring(), 0, batch, i * SIDE * SIDE, SIDE * SIDE);
        }
        // No looks: a speck would widen the frame.
        Augmentation unchanged = new Augmentation(0, 0, 0, 0, 0);
        float[] singles = unchanged.applyToBatch(batch, new Random(11));
        float[] out = new Augmentation(0, 0, 0, 0, 0, 0.25).applyToBatch(batch, labels, new Random(11));
        int pairs = 0;
        for (int i = 0; i < count; i++) {
            float[] image = Arrays.copyOfRange(out, i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
            if (labels[i] == TouchingPairs.TWO_DIGITS) {
                pairs++;
                int[] box = inkBox(image, 0);
                assertThat(box[2] - box[0]).as("a pair fills the frame's width, image %d", i).isGreaterThanOrEqualTo(18);
            } else {
                assertThat(labels[i]).isZero();
                assertThat(image).as("image %d", i)
                        .containsExactly(Arrays.copyOfRange(singles, i * SIDE * SIDE, (i + 1) * SIDE * SIDE));
            }
        }
        // A chance of 0.25 on 64 images: 16 expected.
        assertThat(pairs).isBetween(6, 28);
        float[] again = new float[count];
        assertThat(new Augmentation(0, 0, 0, 0, 0, 0.25).applyToBatch(batch, again, new Random(11)))
                .containsExactly(out);
        assertThat(again).containsExactly(labels);
    }

    @Test
    void pairsNeedTheLabelsAndReadBackFromTheirSpec() {
        Augmentation withPairs = Augmentation.parse("rotation=12,shift=2.5,scale=0.1,shear=0.2,looks=0.3,pairs=0.05");
        assertThat(withPairs.pairs()).isEqualTo(0.05);
        assertThat(Augmentation.parse(withPairs.toString())).isEqualTo(withPairs);
        assertThat(new Augmentation(12, 2.5, 0.1, 0.2, 0.3).toString()).doesNotContain("pairs");
        assertThatThrownBy(() -> withPairs.applyToBatch(new float[SIDE * SIDE], new Random(1)))
                .hasMessageContaining("labels");
        assertThatThrownBy(() -> Augmentation.parse("pairs=0.8"))
                .hasMessage("augmentation pairs must be from 0 to 0.5, got 0.8");
    }
}
