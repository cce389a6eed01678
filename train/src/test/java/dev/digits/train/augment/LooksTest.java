package dev.digits.train.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The looks of the robust recipe: each does to a digit what its name says, and the spec reads back. */
class LooksTest {

    /** A 7: a bar and a diagonal, a stroke two pixels wide. */
    private static float[] seven() {
        float[] pixels = new float[784];
        for (int x = 8; x < 20; x++) {
            pixels[6 * 28 + x] = 1f;
            pixels[7 * 28 + x] = 1f;
        }
        for (int y = 8; y < 22; y++) {
            int x = 19 - (y - 8) / 2;
            pixels[y * 28 + x] = 1f;
            pixels[y * 28 + x - 1] = 1f;
        }
        return pixels;
    }

    private static double ink(float[] pixels) {
        double sum = 0;
        for (float v : pixels) {
            sum += v;
        }
        return sum;
    }

    @Test
    void thicknessBlurAndLowResolutionChangeTheStrokesNotTheDigit() {
        float[] seven = seven();
        Random random = new Random(1);
        float[] thicker = null;
        float[] thinner = null;
        for (int i = 0; i < 20 && (thicker == null || thinner == null); i++) {
            float[] changed = Looks.thickness(seven, random);
            if (ink(changed) > ink(seven)) {
                thicker = changed;
            } else if (ink(changed) < ink(seven)) {
                thinner = changed;
            }
        }
        assertThat(thicker).as("a dilation").isNotNull();
        assertThat(thinner).as("an erosion").isNotNull();
        // A blur spreads the ink without adding to it: most of it stays, and the peak falls.
        float[] soft = Looks.blur(seven, 1.0);
        assertThat(ink(soft)).isCloseTo(ink(seven), org.assertj.core.data.Offset.offset(0.1 * ink(seven)));
        float peak = 0;
        for (float v : soft) {
            peak = Math.max(peak, v);
        }
        assertThat(peak).isLessThan(0.95f);
        // Shrunk to 10 pixels and enlarged again, blockily: pieces of 2.8 pixels, the ink in place.
        float[] blocky = Looks.lowResolution(seven, 10, false);
        assertThat(ink(blocky)).isCloseTo(ink(seven), org.assertj.core.data.Offset.offset(0.25 * ink(seven)));
        assertThat(blocky[6 * 28 + 12]).isPositive();
    }

    @Test
    void looksAreGivenWithTheirChanceAndNotAtAllWithNone() {
        float[] batch = new float[784 * 200];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(seven(), 0, batch, i * 784, 784);
        }
        Augmentation none = new Augmentation(0, 0, 0, 0, 0);
        assertThat(none.applyToBatch(batch, new Random(3))).containsExactly(batch);
        float[] looked = new Augmentation(0, 0, 0, 0, 0.3).applyToBatch(batch, new Random(3));
        int changed = 0;
        for (int i = 0; i < 200; i++) {
            for (int p = 0; p < 784; p++) {
                if (looked[i * 784 + p] != batch[i * 784 + p]) {
                    changed++;
                    break;
                }
            }
        }
        // Seven looks at 0.3 each: all but 0.7^7 = 8% of the images get one at least.
        assertThat(changed).isBetween(170, 196);
    }

    @Test
    void theRobustSpecReadsBackAndOlderSpecsHaveNoLooks() {
        assertThat(Augmentation.parse("robust")).isEqualTo(Augmentation.ROBUST);
        assertThat(Augmentation.parse(Augmentation.ROBUST.toString())).isEqualTo(Augmentation.ROBUST);
        assertThat(Augmentation.ROBUST.toString()).isEqualTo("rotation=12.0,shift=2.5,scale=0.1,shear=0.2,looks=0.3,pairs=0.05");
        // As models before the looks recorded it.
        assertThat(Augmentation.STANDARD.toString()).isEqualTo("rotation=12.0,shift=2.5,scale=0.1,shear=0.2");
        assertThat(Augmentation.parse("rotation=12,shift=2.5,scale=0.1,shear=0.2")).isEqualTo(Augmentation.STANDARD);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Augmentation.parse("looks=1.5"))
                .hasMessageContaining("looks must be from 0 to 1");
    }
}
