package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShadowRemnantsTest {

    private static final int SIDE = 60;
    private static final float LIT_PAPER = 0.1f;
    private static final float SHADOW = 0.45f;

    /** Levels (ink bright) of lit paper, a shadow over the columns from 45, and a digit-like ring. */
    private final float[] grey = new float[SIDE * SIDE];
    /** The ink found on it: the ring. */
    private final float[] ink = new float[SIDE * SIDE];

    ShadowRemnantsTest() {
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                grey[y * SIDE + x] = x >= 45 ? SHADOW : LIT_PAPER;
                double r = Math.hypot(x - 28, y - 30);
                if (r > 8 && r < 13) {
                    grey[y * SIDE + x] = 0.85f;
                    ink[y * SIDE + x] = 1f;
                }
            }
        }
    }

    private void mark(int left, int top, int right, int bottom, float level, float inkLevel) {
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                grey[y * SIDE + x] = level;
                ink[y * SIDE + x] = inkLevel;
            }
        }
    }

    @Test
    void aShadowsCornerLeftAsInkGoes() {
        // The shadow's tip the closing took for ink: as strong as the ring once measured, but at the
        // shadow's own level, which goes on beside it.
        mark(45, 4, 48, 10, SHADOW, 0.9f);
        ShadowRemnants.drop(ink, grey, SIDE, SIDE);
        assertThat(ink[6 * SIDE + 46]).isZero();
        assertThat(ink[30 * SIDE + 38]).isEqualTo(1f);
    }

    @Test
    void aStrokeApartFromTheDigitStays() {
        // A 5's bar broken off its body, on lit paper, and the same bar in the shadow: inkier than
        // everything around it either way.
        mark(5, 50, 14, 51, 0.8f, 0.9f);
        mark(48, 50, 56, 51, 0.8f, 0.7f);
        ShadowRemnants.drop(ink, grey, SIDE, SIDE);
        assertThat(ink[50 * SIDE + 8]).isEqualTo(0.9f);
        assertThat(ink[50 * SIDE + 50]).isEqualTo(0.7f);
    }

    @Test
    void aMarkInsideInkThePaperTookInStays() {
        // A soft scan's thick stroke the closing took for paper, with a mark inside it.
        mark(12, 2, 26, 12, 0.95f, 0f);
        mark(12, 2, 13, 12, 0.55f, 0f);
        mark(18, 5, 21, 8, 0.6f, 0.5f);
        ShadowRemnants.drop(ink, grey, SIDE, SIDE);
        assertThat(ink[6 * SIDE + 19]).isEqualTo(0.5f);
    }

    @Test
    void theMarkWithTheMostInkAlwaysStays() {
        float[] alone = new float[SIDE * SIDE];
        // Alone, the shadow's corner is the mark with the most ink: it is not left out.
        float[] level = new float[SIDE * SIDE];
        for (int i = 0; i < level.length; i++) {
            level[i] = i % SIDE >= 45 ? SHADOW : LIT_PAPER;
        }
        for (int y = 4; y <= 10; y++) {
            for (int x = 45; x <= 48; x++) {
                alone[y * SIDE + x] = 0.9f;
            }
        }
        alone[40 * SIDE + 10] = 0.2f;
        ShadowRemnants.drop(alone, level, SIDE, SIDE);
        assertThat(alone[6 * SIDE + 46]).isEqualTo(0.9f);
    }
}
