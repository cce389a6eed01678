package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.train.augment.Augmentation;
import dev.digits.train.augment.Augmentation.Distortion;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Random distortions of training images: seeded, bounded, and moving the ink as they say. */
class AugmentationTest {

    /** An upright bar with a foot, off the centre: no symmetry hides a wrong transform. */
    private static float[] digit() {
        float[] pixels = new float[784];
        for (int y = 6; y < 22; y++) {
            pixels[y * 28 + 12] = 1f;
            pixels[y * 28 + 13] = 0.5f;
        }
        for (int x = 12; x < 18; x++) {
            pixels[21 * 28 + x] = 1f;
        }
        return pixels;
    }

    private static double[] centreOfMass(float[] pixels) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int i = 0; i < pixels.length; i++) {
            mass += pixels[i];
            x += pixels[i] * (i % 28);
            y += pixels[i] * (i / 28);
        }
        return new double[] {x / mass, y / mass, mass};
    }

    @Test
    void noDistortionIsTheIdentity() {
        assertThat(Augmentation.apply(digit(), new Distortion(0, 0, 0, 1, 0))).containsExactly(digit());
        float[] batch = new float[3 * 784];
        System.arraycopy(digit(), 0, batch, 784, 784);
        assertThat(Augmentation.NONE.applyToBatch(batch, new Random(1))).containsExactly(batch);
    }

    @Test
    void aShiftOfKPixelsMovesTheCentreOfMassByK() {
        double[] before = centreOfMass(digit());
        double[] after = centreOfMass(Augmentation.apply(digit(), new Distortion(0, 3, -2, 1, 0)));
        assertThat(after[0] - before[0]).isCloseTo(3, Offset.offset(1e-6));
        assertThat(after[1] - before[1]).isCloseTo(-2, Offset.offset(1e-6));
        assertThat(after[2]).isCloseTo(before[2], Offset.offset(1e-6));
    }

    @Test
    void aQuarterTurnTurnsTheBarAboutTheCentre() {
        // Turned by 90 degrees, the upright bar lies across; its centre of mass turns about (13.5, 13.5).
        double[] before = centreOfMass(digit());
        double[] after = centreOfMass(Augmentation.apply(digit(), new Distortion(90, 0, 0, 1, 0)));
        assertThat(after[0] - 13.5).isCloseTo(-(before[1] - 13.5), Offset.offset(1e-3));
        assertThat(after[1] - 13.5).isCloseTo(before[0] - 13.5, Offset.offset(1e-3));
        assertThat(after[2]).isCloseTo(before[2], Offset.offset(1e-3));
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndEachImageItsOwnDraw() {
        float[] batch = new float[4 * 784];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(digit(), 0, batch, i * 784, 784);
        }
        float[] once = Augmentation.STANDARD.applyToBatch(batch, new Random(7));
        assertThat(Augmentation.STANDARD.applyToBatch(batch, new Random(7))).containsExactly(once);
        assertThat(Augmentation.STANDARD.applyToBatch(batch, new Random(8))).isNotEqualTo(once);
        float[] first = java.util.Arrays.copyOfRange(once, 0, 784);
        float[] second = java.util.Arrays.copyOfRange(once, 784, 2 * 784);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void drawsStayWithinTheBounds() {
        Augmentation bounds = new Augmentation(10, 2, 0.1, 0.2);
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            Distortion d = bounds.draw(random);
            assertThat(d.degrees()).isBetween(-10.0, 10.0);
            assertThat(d.dx()).isBetween(-2.0, 2.0);
            assertThat(d.dy()).isBetween(-2.0, 2.0);
            assertThat(d.scale()).isBetween(0.9, 1.1);
            assertThat(d.shear()).isBetween(-0.2, 0.2);
        }
    }

    @Test
    void specsReadBackAndBadOnesSayWhatIsAllowed() {
        assertThat(Augmentation.parse(Augmentation.STANDARD.toString())).isEqualTo(Augmentation.STANDARD);
        assertThat(Augmentation.parse("none")).isEqualTo(Augmentation.NONE);
        assertThat(Augmentation.parse("shift=2")).isEqualTo(new Augmentation(0, 2, 0, 0));
        assertThatThrownBy(() -> Augmentation.parse("rotation=90")).hasMessage(
                "augmentation rotation must be from 0 to 45.0 degrees, got 90.0");
        assertThatThrownBy(() -> Augmentation.parse("spin=3")).hasMessageContaining("unknown augmentation 'spin=3'")
                .hasMessageContaining("rotation=DEGREES");
        assertThatThrownBy(() -> Augmentation.parse("shift=far")).hasMessageContaining("needs a number");
    }
}
