package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeInkTest {

    private static final int SIDE = 60;

    /** Ink of a digit-like ring in the middle, clear of the edges, at full strength. */
    private static float[] ring() {
        float[] ink = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double r = Math.hypot(x - 30, y - 30);
                if (r > 8 && r < 13) {
                    ink[y * SIDE + x] = 1f;
                }
            }
        }
        return ink;
    }

    @Test
    void faintInkAtTheEdgesIsTheLightsRemnantAndGoes() {
        float[] ink = ring();
        // What the paper's removal left of a shadow's corner: a faint wedge from the top left corner.
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x + y < 20; x++) {
                ink[y * SIDE + x] = 0.4f;
            }
        }
        EdgeInk.dropFaintInkAtEdges(ink, SIDE, SIDE);
        assertThat(ink[0]).isZero();
        assertThat(ink[5 * SIDE + 5]).isZero();
        assertThat(ink[30 * SIDE + 40]).isEqualTo(1f);
    }

    @Test
    void strokesThatReachTheEdgesAsStrongAsTheRestStay() {
        float[] ink = ring();
        // A stroke broken off the ring that runs to the left edge, as in a tight crop.
        for (int x = 0; x < 12; x++) {
            ink[30 * SIDE + x] = 0.9f;
            ink[31 * SIDE + x] = 0.9f;
        }
        EdgeInk.dropFaintInkAtEdges(ink, SIDE, SIDE);
        assertThat(ink[30 * SIDE]).isEqualTo(0.9f);
    }

    @Test
    void inkThatIsAllAtTheEdgesStays() {
        float[] ink = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            ink[y * SIDE + 30] = 0.3f;
        }
        EdgeInk.dropFaintInkAtEdges(ink, SIDE, SIDE);
        assertThat(ink[30 * SIDE + 30]).isEqualTo(0.3f);
    }
}
