package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * A photo whose shadow darkens one edge more than the ink is dark: the ink is not seen clear of
 * the edges, yet once the uneven paper is taken out it stands clear of them, and only the digit is
 * ink. Read against one level of paper, the shadow itself became the ink.
 */
class ShadowedEdgeTest {

    private static final int SIDE = 120;

    /** Paper at 0.9 with a shadow (0.3) over the left quarter, softened over 6 pixels; a ring of ink at 0.45. */
    private static BufferedImage shadowedRing() {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double lit = Math.max(0, Math.min(1, (x - 27) / 6.0));
                double level = 0.3 + 0.6 * lit;
                double r = Math.hypot(x - 75, y - 60);
                if (r > 18 && r < 26) {
                    level = 0.45;
                }
                image.getRaster().setSample(x, y, 0, (int) Math.round(255 * level));
            }
        }
        return image;
    }

    @Test
    void theInkIsTheDigitNotTheShadow() {
        BufferedImage image = shadowedRing();
        float[] grey = new float[SIDE * SIDE];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = image.getRaster().getSample(i % SIDE, i / SIDE, 0) / 255f;
        }
        InkDirection direction = InkDirection.of(grey, SIDE, SIDE);
        assertThat(direction.dark()).isTrue();
        assertThat(direction.clearOfEdges()).as("the shadowed edge is darker than the ink").isFalse();

        float[] ink = DigitImages.ink(image);
        double inShadow = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < 25; x++) {
                inShadow += ink[y * SIDE + x];
            }
        }
        assertThat(inShadow).as("ink in the shadow").isZero();
        assertThat(ink[60 * SIDE + 75 + 22]).as("the ring").isGreaterThan(0.5f);
        assertThat(ink[60 * SIDE + 75]).as("the ring's inside").isZero();
    }

    @Test
    void inkRunningIntoTheEdgesIsJoinedToThem() {
        float[] ink = new float[SIDE * SIDE];
        for (int x = 0; x < 40; x++) {
            ink[60 * SIDE + x] = 1f;
        }
        ink[30 * SIDE + 80] = 1f;
        assertThat(EdgeInk.joinedToEdges(ink, SIDE, SIDE)).isEqualTo(40.0 / 41);
        assertThat(EdgeInk.joinedToEdges(new float[SIDE * SIDE], SIDE, SIDE)).isZero();
    }
}
