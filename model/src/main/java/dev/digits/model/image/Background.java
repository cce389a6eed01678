package dev.digits.model.image;

import boofcv.alg.filter.blur.BlurImageOps;
import boofcv.struct.image.GrayF32;

/**
 * The level of the paper under the ink, pixel by pixel: the image closed (a maximum, then a
 * minimum, over a square) with a square just wider than its strokes. A closing removes every
 * dark structure narrower than its square, so strokes go and the paper stays, with its falloff
 * and the sharp edge of a shadow, which are wider; it cannot hollow a stroke out, as a median of
 * a fixed window did to thick strokes that filled half of it.
 *
 * <p>The strokes' width is found by granulometry: the ink a closing removes grows with its square
 * until the square is wider than the strokes, then stops growing, until it is as wide as a
 * shadow. The square used is one step beyond where it stops. Worked out on a copy at most
 * {@value #COARSE_SIDE} pixels on its shorter side, then spread back smoothly. Grey-level
 * morphology is written here: BoofCV has it for binary images only.
 */
final class Background {

    private static final int COARSE_SIDE = 128;
    /** The ink removed has stopped growing when one more step adds less than this share of it. */
    private static final double PLATEAU = 0.05;

    private Background() {}

    /**
     * @param grey levels in [0, 1], the ink darker than the paper
     * @return the paper's level at each pixel
     */
    static float[] estimate(float[] grey, int width, int height) {
        int factor = factor(width, height);
        GrayF32 coarse = coarse(grey, width, height, factor);
        float[] paper = close(coarse.data, coarse.width, coarse.height,
                strokeReach(coarse.data, coarse.width, coarse.height));
        return spread(paper, coarse.width, coarse.height, factor, width, height);
    }

    /**
     * How many pixels make one of the coarse copy's: its shorter side at most {@value #COARSE_SIDE}.
     * The median's square is measured on the shorter side, so a copy measured on the longer one
     * left the strokes of a wide photo of a number (260 by 80) too coarse beside it, and 28 of 100
     * such photos were read the wrong way round (none now).
     */
    private static int factor(int width, int height) {
        return factor(width, height, COARSE_SIDE);
    }

    private static int factor(int width, int height, int coarseSide) {
        // The longer side at most four times that: a long strip is not worked out at full size.
        int coarseLongerSide = 4 * coarseSide;
        int byShorter = (Math.min(width, height) + coarseSide - 1) / coarseSide;
        int byLonger = (Math.max(width, height) + coarseLongerSide - 1) / coarseLongerSide;
        return Math.max(1, Math.max(byShorter, byLonger));
    }

    /** The image averaged over squares of {@code factor} pixels. */
    private static GrayF32 coarse(float[] grey, int width, int height, int factor) {
        GrayF32 coarse = new GrayF32((width + factor - 1) / factor, (height + factor - 1) / factor);
        int[] counts = new int[coarse.data.length];
        for (int y = 0; y < height; y++) {
            int row = (y / factor) * coarse.width;
            for (int x = 0; x < width; x++) {
                coarse.data[row + x / factor] += grey[y * width + x];
                counts[row + x / factor]++;
            }
        }
        for (int i = 0; i < counts.length; i++) {
            coarse.data[i] /= counts[i];
        }
        return coarse;
    }

    /**
     * The median of the paper around each pixel, over a square reaching an eighth of the image's
     * shorter side (BoofCV's median filter on the coarse copy): it follows a shadow, and ink that
     * fills less than half of the square does not move it. Symmetric, unlike a closing: for
     * telling which way the ink goes, not for measuring it (it hollows out strokes wider than a
     * quarter of the square).
     */
    static float[] median(float[] grey, int width, int height) {
        return median(grey, width, height, COARSE_SIDE);
    }

    /**
     * The same median, worked out on a copy at most {@code coarseSide} pixels on its shorter side: a
     * coarser copy is quicker, and as good where the level sought only follows the light.
     */
    static float[] median(float[] grey, int width, int height, int coarseSide) {
        int factor = factor(width, height, coarseSide);
        GrayF32 coarse = coarse(grey, width, height, factor);
        GrayF32 median = BlurImageOps.median(coarse, null, medianReach(coarse), medianReach(coarse), null);
        return spread(median.data, coarse.width, coarse.height, factor, width, height);
    }

    /**
     * Whether the strokes (taken as dark) are narrow beside the median's square: their reach fits
     * in its side at least {@code room} times.
     */
    static boolean strokesFitMedian(float[] grey, int width, int height, double room) {
        GrayF32 coarse = coarse(grey, width, height, factor(width, height));
        int side = 2 * medianReach(coarse) + 1;
        return strokeReach(coarse.data, coarse.width, coarse.height) * room <= side;
    }

    private static int medianReach(GrayF32 coarse) {
        return Math.max(1, Math.min(coarse.width, coarse.height) / 8);
    }

    /** The reach (half the square's side) of the closing just wider than the strokes. */
    static int strokeReach(float[] grey, int width, int height) {
        int most = Math.max(1, Math.min(width, height) / 4);
        float grain = 3 * grain(grey, width, height);
        double[] removed = new double[most + 1];
        for (int reach = 1; reach <= most; reach++) {
            removed[reach] = removed(grey, close(grey, width, height, reach), grain);
        }
        for (int reach = 1; reach < most; reach++) {
            // Nothing removed yet: the strokes are wider still. A reach twice as far (one digit's
            // strokes differ in width) read blocky digits better and shadows worse: blocky digits
            // lie on even paper, which is taken as one level before it comes to this.
            if (removed[reach] > 0 && removed[reach + 1] - removed[reach] <= PLATEAU * removed[reach]) {
                return reach + 1;
            }
        }
        return most;
    }

    /**
     * How much ink a closing removed: what it lifted above the grain. Grain alone lifts a little
     * more with every wider square, and would never let the count stop growing.
     */
    private static double removed(float[] grey, float[] closed, float grain) {
        double sum = 0;
        for (int i = 0; i < grey.length; i++) {
            sum += Math.max(0, closed[i] - grey[i] - grain);
        }
        return sum;
    }

    /**
     * The grain's spread: the median absolute difference between horizontal neighbours, scaled to a
     * standard deviation (the difference of two samples of grain has sqrt(2) times its deviation).
     */
    static float grain(float[] grey, int width, int height) {
        float[] differences = new float[(width - 1) * height];
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width - 1; x++) {
                differences[n++] = Math.abs(grey[y * width + x + 1] - grey[y * width + x]);
            }
        }
        if (n == 0) {
            return 0;
        }
        java.util.Arrays.sort(differences, 0, n);
        return (float) (1.4826 * differences[n / 2] / Math.sqrt(2));
    }

    /** The closing: the maximum over the square, then the minimum over it. */
    static float[] close(float[] grey, int width, int height, int reach) {
        return extreme(extreme(grey, width, height, reach, true), width, height, reach, false);
    }

    /** The maximum (or minimum) over a square of side 2·reach + 1, rows then columns. */
    private static float[] extreme(float[] in, int width, int height, int reach, boolean max) {
        float[] rows = new float[in.length];
        for (int y = 0; y < height; y++) {
            line(in, y * width, 1, width, reach, max, rows);
        }
        float[] out = new float[in.length];
        for (int x = 0; x < width; x++) {
            line(rows, x, width, height, reach, max, out);
        }
        return out;
    }

    /** The running extreme of one line, with a queue of candidates: each sample enters and leaves once. */
    private static void line(float[] in, int start, int step, int length, int reach, boolean max, float[] out) {
        int[] queue = new int[length];
        int head = 0;
        int tail = 0;
        for (int i = 0, next = 0; i < length; i++) {
            for (; next <= Math.min(length - 1, i + reach); next++) {
                float v = in[start + next * step];
                while (tail > head && (max ? in[start + queue[tail - 1] * step] <= v
                        : in[start + queue[tail - 1] * step] >= v)) {
                    tail--;
                }
                queue[tail++] = next;
            }
            while (queue[head] < i - reach) {
                head++;
            }
            out[start + i * step] = in[start + queue[head] * step];
        }
    }

    /** Back to full size, bilinearly, the coarse pixels' centres as the grid. */
    private static float[] spread(float[] coarse, int coarseWidth, int coarseHeight, int factor, int width,
            int height) {
        int[] left = new int[width];
        float[] towardsRight = new float[width];
        for (int x = 0; x < width; x++) {
            double at = Math.max(0, Math.min(coarseWidth - 1, (x + 0.5) / factor - 0.5));
            left[x] = (int) at;
            towardsRight[x] = (float) (at - left[x]);
        }
        float[] background = new float[width * height];
        for (int y = 0; y < height; y++) {
            double at = Math.max(0, Math.min(coarseHeight - 1, (y + 0.5) / factor - 0.5));
            int top = (int) at * coarseWidth;
            int bottom = Math.min(coarseHeight - 1, (int) at + 1) * coarseWidth;
            float down = (float) (at - (int) at);
            for (int x = 0; x < width; x++) {
                int x0 = left[x];
                int x1 = Math.min(coarseWidth - 1, x0 + 1);
                float right = towardsRight[x];
                float upper = coarse[top + x0] + right * (coarse[top + x1] - coarse[top + x0]);
                float lower = coarse[bottom + x0] + right * (coarse[bottom + x1] - coarse[bottom + x0]);
                background[y * width + x] = upper + down * (lower - upper);
            }
        }
        return background;
    }
}
