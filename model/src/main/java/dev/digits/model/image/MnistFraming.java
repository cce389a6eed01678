package dev.digits.model.image;

/**
 * MNIST's framing of a digit's ink: cropped to the ink, scaled to fit a 20x20 box keeping its aspect
 * ratio (area resampling), and placed in 28x28 so that its centre of mass is at the centre.
 */
final class MnistFraming {

    private static final int SIDE = DigitImages.SIDE;
    private static final int BOX = 20;
    private static final int PIXELS = DigitImages.PIXELS;

    private MnistFraming() {}

    /** The ink of a width-by-height image (0 paper), framed as MNIST frames its digits: 784 values. */
    static float[] centre(float[] grey, int width, int height) {
        float max = 0;
        for (float v : grey) {
            max = Math.max(max, v);
        }
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (grey[y * width + x] > 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = (double) BOX / Math.max(boxWidth, boxHeight);
        int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
        int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));

        float[] crop = new float[boxWidth * boxHeight];
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                crop[y * boxWidth + x] = Math.min(1f, grey[(top + y) * width + left + x] / max);
            }
        }
        float[] box = resample(crop, boxWidth, boxHeight, scaledWidth, scaledHeight);
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < scaledHeight; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                float v = box[y * scaledWidth + x];
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        double centreX = mass > 0 ? sumX / mass : (scaledWidth - 1) / 2.0;
        double centreY = mass > 0 ? sumY / mass : (scaledHeight - 1) / 2.0;
        // MNIST's digits have their centre of mass at (14, 14), measured on the test set.
        int offsetX = (int) Math.round(SIDE / 2.0 - centreX);
        int offsetY = (int) Math.round(SIDE / 2.0 - centreY);
        float[] pixels = new float[PIXELS];
        for (int y = 0; y < scaledHeight; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                int tx = x + offsetX;
                int ty = y + offsetY;
                if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) {
                    pixels[ty * SIDE + tx] = box[y * scaledWidth + x];
                }
            }
        }
        return pixels;
    }

    /**
     * Area-average resampling: each target pixel is the mean of the source area it covers. Done
     * by hand on grey levels: Java 2D would pass grey images through colour-space conversions.
     */
    static float[] resample(float[] source, int sourceWidth, int sourceHeight, int width, int height) {
        float[] rows = new float[width * sourceHeight];
        for (int y = 0; y < sourceHeight; y++) {
            resampleLine(source, y * sourceWidth, 1, sourceWidth, rows, y * width, 1, width);
        }
        float[] target = new float[width * height];
        for (int x = 0; x < width; x++) {
            resampleLine(rows, x, width, sourceHeight, target, x, width, height);
        }
        return target;
    }

    private static void resampleLine(float[] in, int inStart, int inStep, int inLength, float[] out, int outStart,
            int outStep, int outLength) {
        double scale = (double) inLength / outLength;
        for (int o = 0; o < outLength; o++) {
            double from = o * scale;
            double to = from + scale;
            double sum = 0;
            for (int i = (int) Math.floor(from); i < Math.min(inLength, (int) Math.ceil(to)); i++) {
                double cover = Math.min(to, i + 1) - Math.max(from, i);
                if (cover > 0) {
                    sum += cover * in[inStart + i * inStep];
                }
            }
            out[outStart + o * outStep] = (float) (sum / scale);
        }
    }
}
