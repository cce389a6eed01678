package dev.digits.train.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A digit drawn again smaller by nearest neighbour: rows of its strokes go, and it is framed again. */
class RedrawnTest {

    /** An upright bar two pixels wide, rows 4 to 23, with a crossbar one pixel thick on {@code row}. */
    private static float[] barWithCrossbar(int row) {
        float[] pixels = new float[784];
        for (int y = 4; y < 24; y++) {
            pixels[y * 28 + 13] = 1f;
            pixels[y * 28 + 14] = 1f;
        }
        for (int x = 8; x < 20; x++) {
            pixels[row * 28 + x] = 1f;
        }
        return pixels;
    }

    /** The most pixels of clear ink in one row. */
    private static int widestRow(float[] pixels) {
        int widest = 0;
        for (int y = 0; y < 28; y++) {
            int count = 0;
            for (int x = 0; x < 28; x++) {
                count += pixels[y * 28 + x] > 0.5f ? 1 : 0;
            }
            widest = Math.max(widest, count);
        }
        return widest;
    }

    private static int inkRows(float[] pixels) {
        int rows = 0;
        for (int y = 0; y < 28; y++) {
            boolean inked = false;
            for (int x = 0; x < 28; x++) {
                inked |= pixels[y * 28 + x] > 0.5f;
            }
            rows += inked ? 1 : 0;
        }
        return rows;
    }

    @Test
    void aRowTheSmallerDrawingSkipsIsGoneAndTheDigitIsFramedAgain() {
        // At 0.75 of its size, nearest neighbour keeps rows 0, 1, 2, 4, 5, 6, 8, ... : row 11 is skipped, row 12 kept.
        float[] skipped = barWithCrossbar(11);
        Redrawn.apply(skipped, 0, 0.75);
        assertThat(widestRow(skipped)).as("the crossbar on a skipped row").isLessThanOrEqualTo(4);
        float[] kept = barWithCrossbar(12);
        Redrawn.apply(kept, 0, 0.75);
        assertThat(widestRow(kept)).as("the crossbar on a kept row").isGreaterThanOrEqualTo(8);
        // Framed again as MNIST frames a digit: the bar, 15 rows high once smaller, is 20 rows high again.
        assertThat(inkRows(kept)).isBetween(19, 21);
    }

    @Test
    void anImageWithoutInkStaysAsItIs() {
        float[] images = new float[2 * 784];
        System.arraycopy(barWithCrossbar(12), 0, images, 784, 784);
        float[] before = images.clone();
        Redrawn.apply(images, 0, new Random(1));
        assertThat(images).containsExactly(before);
    }

    @Test
    void theChanceReadsBackAndRecipesWithoutItDrawAsBefore() {
        Augmentation withRedrawn = Augmentation.parse("looks=0.3,pairs=0.05,redrawn=0.2");
        assertThat(withRedrawn.redrawn()).isEqualTo(0.2);
        assertThat(Augmentation.parse(withRedrawn.toString())).isEqualTo(withRedrawn);
        assertThat(Augmentation.ROBUST.toString()).doesNotContain("redrawn");
        float[] batch = new float[4 * 784];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(barWithCrossbar(11), 0, batch, i * 784, 784);
        }
        float[] none = new Augmentation(0, 0, 0, 0, 0, 0, 0).applyToBatch(batch, new Random(5));
        assertThat(none).containsExactly(batch);
        float[] all = new Augmentation(0, 0, 0, 0, 0, 0, 1).applyToBatch(batch, new Random(5));
        for (int i = 0; i < 4; i++) {
            float[] image = java.util.Arrays.copyOfRange(all, i * 784, (i + 1) * 784);
            assertThat(image).as("image %d drawn again", i).isNotEqualTo(java.util.Arrays.copyOfRange(batch, 0, 784));
        }
    }
}
