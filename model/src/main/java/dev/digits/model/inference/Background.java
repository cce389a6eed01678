package dev.digits.model.inference;

import java.util.Arrays;

/**
 * The level of the paper under the ink, pixel by pixel, for photos whose light is uneven: the
 * median of a square reaching an eighth of the image's shorter side around each pixel, which ink
 * covering less than half of it does not move and which keeps the sharp edge of a shadow (a
 * quarter, or a sixteenth, read fewer of the photos of the dev set). Worked out on a copy about
 * 32 pixels on its shorter side, then spread back smoothly.
 */
final class Background {

    private static final int COARSE_SIDE = 32;

    private Background() {}

    static float[] estimate(float[] grey, int width, int height) {
        int factor = Math.max(1, Math.min(width, height) / COARSE_SIDE);
        int coarseWidth = (width + factor - 1) / factor;
        int coarseHeight = (height + factor - 1) / factor;
        float[] coarse = new float[coarseWidth * coarseHeight];
        int[] counts = new int[coarse.length];
        int[] column = new int[width];
        for (int x = 0; x < width; x++) {
            column[x] = x / factor;
        }
        for (int y = 0; y < height; y++) {
            int row = (y / factor) * coarseWidth;
            for (int x = 0; x < width; x++) {
                coarse[row + column[x]] += grey[y * width + x];
                counts[row + column[x]]++;
            }
        }
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] /= counts[i];
        }
        float[] median = median(coarse, coarseWidth, coarseHeight, Math.max(1, Math.min(coarseWidth, coarseHeight) / 8));
        // Spread back bilinearly, the coarse pixels' centres as the grid.
        int[] left = new int[width];
        float[] towardsRight = new float[width];
        for (int x = 0; x < width; x++) {
            double at = Math.max(0, Math.min(coarseWidth - 1, (x + 0.5) / factor - 0.5));
            left[x] = (int) at;
            towardsRight[x] = (float) (at - left[x]);
        }
        float[] background = new float[grey.length];
        for (int y = 0; y < height; y++) {
            double at = Math.max(0, Math.min(coarseHeight - 1, (y + 0.5) / factor - 0.5));
            int top = (int) at * coarseWidth;
            int bottom = Math.min(coarseHeight - 1, (int) at + 1) * coarseWidth;
            float down = (float) (at - (int) at);
            for (int x = 0; x < width; x++) {
                int x0 = left[x];
                int x1 = Math.min(coarseWidth - 1, x0 + 1);
                float right = towardsRight[x];
                float upper = median[top + x0] + right * (median[top + x1] - median[top + x0]);
                float lower = median[bottom + x0] + right * (median[bottom + x1] - median[bottom + x0]);
                background[y * width + x] = upper + down * (lower - upper);
            }
        }
        return background;
    }

    private static float[] median(float[] image, int width, int height, int radius) {
        float[] result = new float[image.length];
        float[] window = new float[(2 * radius + 1) * (2 * radius + 1)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = 0;
                for (int wy = Math.max(0, y - radius); wy <= Math.min(height - 1, y + radius); wy++) {
                    for (int wx = Math.max(0, x - radius); wx <= Math.min(width - 1, x + radius); wx++) {
                        window[n++] = image[wy * width + wx];
                    }
                }
                Arrays.sort(window, 0, n);
                result[y * width + x] = window[n / 2];
            }
        }
        return result;
    }
}
