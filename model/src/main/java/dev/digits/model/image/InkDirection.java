package dev.digits.model.image;

/**
 * Which way an image's ink goes, darker or lighter than its paper, and whether the ink lies clear of
 * the image's edges (they are all paper, whatever their levels): the first questions of reading an
 * upload, for a digit read the wrong way round is a blob. Each rule states the kinds of image of the
 * reading benchmark it was measured on (docs/reading.md). Also what the edges say of the paper.
 *
 * @param dark whether the ink is darker than the paper
 * @param clearOfEdges whether the ink was seen beyond the edges' levels ({@link #inkBeyondEdges}), so
 *     that the edges are paper and their differences are light, not ink
 */
record InkDirection(boolean dark, boolean clearOfEdges) {

    /**
     * Paper whose edges differ by more than this (from the 10th to the 90th percentile) is unevenly
     * lit; under even light the background is one level, and taken as one.
     */
    static final float UNEVEN = 0.1f;

    /** Whether the ink is darker than the paper, the paper being the level of the image's edges. */
    static boolean darkAgainstBorder(float[] grey, int width, int height) {
        float[] border = borderLevels(grey, width, height);
        return darkInk(grey, null, border, specks(Tails.of(grey), border, grey.length));
    }

    /**
     * Which way the ink goes. First where the ink shows itself beyond the paper at the edges
     * ({@link #inkBeyondEdges}). Else, where the image's edges are of one level, against that
     * level. Where they differ, a shadow may dim much of them, and a median of the paper around
     * each pixel tells it from ink; but a median hollows out strokes that fill much of its square,
     * and the tight crops of such digits then read the wrong way round: it is asked only where the
     * strokes are narrow beside it (their reach at most {@value #MEDIAN_ROOM} of its side). On the
     * dev halves, wrong way round by these last rules alone: uneven light 53 of 500 (91 by the edges
     * alone), tight crops 0 of 500 (7 of 250 with room 2).
     */
    static InkDirection of(float[] grey, int width, int height) {
        Tails levels = Tails.of(grey);
        float[] border = borderLevels(grey, width, height);
        int specks = specks(levels, border, grey.length);
        Boolean beyond = inkBeyondEdges(grey, border, levels, specks, width, height);
        if (beyond != null) {
            return new InkDirection(beyond, true);
        }
        boolean askMedian = unevenlyLit(border) && Background.strokesFitMedian(grey, width, height, MEDIAN_ROOM);
        return new InkDirection(darkInk(grey, askMedian ? Background.median(grey, width, height) : null, border,
                specks), false);
    }

    /**
     * How many pixels at each end of the image's levels are specks, not ink: 0.5% of the image, for
     * grain, dust and JPEG's stray pixels grow with its area. But a digit's strokes grow with the
     * page's side, not its area, and where that many pixels hide all the ink (the image would be
     * blank), only {@value #SPECKS_PER_SIDE} of the page's width and height: a small digit on a large
     * page (a 28-pixel digit on a page 8 times its side is about 0.3% of its pixels). Measured on the
     * benchmark's small-on-page kind (digits 20 to 40 pixels tall on a white page of 400x400): with
     * 0.5% alone most read blank (7.6% of its test half read right), now 100%; every other kind the
     * same, dev and test halves, but one page drawing of the dev half more (docs/reading.md).
     */
    private static int specks(Tails levels, float[] border, int pixels) {
        int share = pixels / 200;
        float paper = border[border.length / 2];
        if (levels.lowest(share) < paper - BEYOND_EDGES || levels.highest(share) > paper + BEYOND_EDGES) {
            return share;
        }
        // The border's pixels are 2 * (width + height).
        return Math.min(share, (int) (border.length / 2 * SPECKS_PER_SIDE));
    }

    /** A share of the page's width and height: the most pixels of a speck on a page showing little ink. */
    private static final double SPECKS_PER_SIDE = 0.02;

    /**
     * Which way the ink goes, where it lies beyond the paper at the edges: true for dark ink, false
     * for light, null where this does not tell. Dark ink shows as pixels darker than every pixel on
     * the edges, with nothing as far lighter than them; or, under a shadow or light falling off
     * across the page (which dim some edges as much as the ink), as pixels darker than each of the
     * four edge pixels in line with them (on their row and column), with nothing at all lighter than
     * its four. Light ink the other way round. Ink that touches the edges, as in tight crops, tells
     * neither way and is left to the other rules.
     *
     * <p>Measured on the dev halves of every kind: it decided 489 of 500 unevenly lit photos, every
     * image of ten other kinds and 499 of 500 page drawings, and 433, 406 and 404 of 500 tight
     * crops, blurred tight crops and soft scans, each the right way round (the rules below read 53
     * of those photos the wrong way); inverted, the same. Made crisp (each pixel black or white at
     * mid-grey), it read 1 of 500 soft scans the wrong way (each way round) and 15 of 500 uneven
     * photos, whose shadows crispness turns into ink, where the rules below read 130 crisp soft
     * scans, 64 crisp tight crops and 193 crisp photos the wrong way.
     */
    private static Boolean inkBeyondEdges(float[] grey, float[] border, Tails levels, int specks, int width,
            int height) {
        float below = border[0] - levels.lowest(specks);
        float above = levels.highest(specks) - border[border.length - 1];
        if (below > BEYOND_EDGES && below > 2 * Math.max(0f, above)) {
            return true;
        }
        if (above > BEYOND_EDGES && above > 2 * Math.max(0f, below)) {
            return false;
        }
        Tails belowInLine = new Tails();
        Tails aboveInLine = new Tails();
        for (int y = 0; y < height; y++) {
            float left = grey[y * width];
            float right = grey[y * width + width - 1];
            for (int x = 0; x < width; x++) {
                float top = grey[x];
                float bottom = grey[(height - 1) * width + x];
                float darkest = Math.min(Math.min(left, right), Math.min(top, bottom));
                float lightest = Math.max(Math.max(left, right), Math.max(top, bottom));
                belowInLine.add(darkest - grey[y * width + x]);
                aboveInLine.add(grey[y * width + x] - lightest);
            }
        }
        below = belowInLine.highest(specks);
        above = aboveInLine.highest(specks);
        if (below > BEYOND_EDGES && above < QUIET) {
            return true;
        }
        if (above > BEYOND_EDGES && below < QUIET) {
            return false;
        }
        return null;
    }

    /** How far beyond the edges' levels the ink's extreme must lie to tell which way it goes. */
    private static final float BEYOND_EDGES = 0.05f;

    /** How little may lie beyond the edges in line on the other side: grain and JPEG, not ink. */
    private static final float QUIET = 0.03f;

    /** How many times the strokes' reach fits in the median's square, at least, for the median to be asked. */
    private static final double MEDIAN_ROOM = 2.5;

    /**
     * Whether the ink is darker than the paper: the pixels furthest from the paper's level (the
     * border's, or pixel by pixel under uneven light) lie below it. Dim paper is still paper, and
     * under a shadow the lit part of the page is not ink.
     */
    private static boolean darkInk(float[] grey, float[] paper, float[] border, int specks) {
        float level = border[border.length / 2];
        Tails offsets = new Tails();
        for (int i = 0; i < grey.length; i++) {
            offsets.add(grey[i] - (paper == null ? level : paper[i]));
        }
        return -offsets.lowest(specks) > offsets.highest(specks);
    }

    /** Whether the paper's edges differ in level: a photo under uneven light, or with a shadow. */
    static boolean unevenlyLit(float[] grey, int width, int height) {
        return unevenlyLit(borderLevels(grey, width, height));
    }

    /** The same, from the border's levels in increasing order. */
    private static boolean unevenlyLit(float[] border) {
        return border[border.length * 9 / 10] - border[border.length / 10] >= UNEVEN;
    }

    /** The median of the border pixels: the background, even where the digit touches an edge. */
    static float borderLevel(float[] grey, int width, int height) {
        float[] border = borderLevels(grey, width, height);
        return border[border.length / 2];
    }

    /** The levels of the pixels along the four edges, in increasing order. */
    static float[] borderLevels(float[] grey, int width, int height) {
        float[] border = new float[2 * width + 2 * height];
        int n = 0;
        for (int x = 0; x < width; x++) {
            border[n++] = grey[x];
            border[n++] = grey[(height - 1) * width + x];
        }
        for (int y = 0; y < height; y++) {
            border[n++] = grey[y * width];
            border[n++] = grey[y * width + width - 1];
        }
        java.util.Arrays.sort(border);
        return border;
    }
}
