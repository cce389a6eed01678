package dev.digits.model.image;

/**
 * The lowest and highest of values in [-1, 1], past a number of values at each end: the specks,
 * which are not the ink ({@link InkDirection}); half the pixels, for the paper's level ({@link
 * RuledLines}, {@link PageOnSurface}); a tenth, for a surface's lightest level. Counted in a
 * histogram as the values come: a photo has 200,000 pixels, and no array of them is needed.
 */
final class Tails {

    private static final int BINS = 2001;
    private final int[] histogram = new int[BINS];
    private int count;

    static Tails of(float[] values) {
        Tails tails = new Tails();
        for (float value : values) {
            tails.add(value);
        }
        return tails;
    }

    void add(float value) {
        histogram[Math.round((Math.max(-1f, Math.min(1f, value)) + 1) / 2 * (BINS - 1))]++;
        count++;
    }

    /** How many values were added. */
    int count() {
        return count;
    }

    float lowest(int past) {
        int bin = 0;
        for (int seen = histogram[0]; seen <= past; seen += histogram[++bin]) {
            // Walks up from the lowest values.
        }
        return 2f * bin / (BINS - 1) - 1;
    }

    float highest(int past) {
        int bin = BINS - 1;
        for (int seen = histogram[BINS - 1]; seen <= past; seen += histogram[--bin]) {
            // Walks down from the highest.
        }
        return 2f * bin / (BINS - 1) - 1;
    }
}
