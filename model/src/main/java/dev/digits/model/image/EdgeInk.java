package dev.digits.model.image;

/**
 * Ink joined to the image's edges, once the paper is taken out under uneven light: what a shadow
 * or a band of light leaves there, told from strokes that run into the edges.
 */
final class EdgeInk {

    private EdgeInk() {}

    /**
     * What a shadow leaves at the edges, taken out of ink measured against uneven paper: the ink
     * connected to the image's edges, where it is fainter on average than 3/4 of the rest, is light
     * the paper's removal left (the corner of a shadow, a band of falling light), not a stroke.
     * Wherever ink is measured against uneven paper ({@code DigitImages.ink}). Measured on the
     * dev halves: uneven light 95.0% instead of 92.2% (robust model; 91.6% instead of 88.4% with the
     * default), every other kind the same; with the fainter-than-the-rest test dropped, soft scans
     * and tight crops lost strokes broken at the edges (1 to 4 images of 500).
     */
    static void dropFaintInkAtEdges(float[] ink, int width, int height) {
        boolean[] atEdges = connectedToEdges(ink, width, height);
        double edgeInk = 0;
        double restInk = 0;
        int edgePixels = 0;
        int restPixels = 0;
        for (int i = 0; i < ink.length; i++) {
            if (ink[i] > 0) {
                if (atEdges[i]) {
                    edgeInk += ink[i];
                    edgePixels++;
                } else {
                    restInk += ink[i];
                    restPixels++;
                }
            }
        }
        if (edgePixels == 0 || restPixels == 0 || edgeInk / edgePixels >= FAINT_AT_EDGES * restInk / restPixels) {
            return;
        }
        for (int i = 0; i < ink.length; i++) {
            if (atEdges[i]) {
                ink[i] = 0;
            }
        }
    }

    /** The share of the ink (by level) in marks that touch the image's edges. */
    static double joinedToEdges(float[] ink, int width, int height) {
        boolean[] atEdges = connectedToEdges(ink, width, height);
        double joined = 0;
        double all = 0;
        for (int i = 0; i < ink.length; i++) {
            all += ink[i];
            joined += atEdges[i] ? ink[i] : 0;
        }
        return all == 0 ? 0 : joined / all;
    }

    /** The ink pixels joined, through ink, to the image's edges. */
    private static boolean[] connectedToEdges(float[] ink, int width, int height) {
        boolean[] atEdges = new boolean[ink.length];
        int[] stack = new int[ink.length];
        int top = 0;
        for (int i = 0; i < ink.length; i++) {
            int x = i % width;
            int y = i / width;
            boolean edge = x == 0 || y == 0 || x == width - 1 || y == height - 1;
            if (edge && ink[i] > 0) {
                atEdges[i] = true;
                stack[top++] = i;
            }
        }
        while (top > 0) {
            int i = stack[--top];
            int x = i % width;
            int y = i / width;
            for (int ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
                for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
                    int j = ny * width + nx;
                    if (ink[j] > 0 && !atEdges[j]) {
                        atEdges[j] = true;
                        stack[top++] = j;
                    }
                }
            }
        }
        return atEdges;
    }

    /**
     * Ink measured against uneven paper, where the ink was not seen clear of the edges, is kept
     * only if less than this share of it is joined to the edges (see {@code DigitImages.ink}).
     */
    static final double SHADOWED = 0.25;

    /**
     * Where the ink was seen clear of the edges, it is kept measured against uneven paper unless
     * this share of it or more is joined to the edges: then the paper's closing took strokes
     * running into the edges for paper, as in soft, tight scans, whose darkest ink lies clear of
     * their soft edges. Dev halves, images taking this path: soft scans, tight and blurred crops
     * joined 0.64 to 1 (the tenth percentile 1); unevenly lit photos at most 0.71 (the 90th
     * percentile 0.07), ballpoint and phone photos at most 0.02, notes on desks that were not
     * found on their desk one at 0.99, the other ten at most 0.70.
     */
    static final double STROKES_AT_EDGES = 0.9;

    /** Ink at the edges fainter on average than this share of the rest's is light, not a stroke. */
    private static final double FAINT_AT_EDGES = 0.75;
}
