import dev.digits.model.image.InvalidImageException;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * The textbook MNIST pipeline, the yardstick of the reading benchmark: grey levels, inverted (it
 * assumes dark ink on light paper), the median level taken as the paper and the darkest as the
 * ink, cropped to the ink, Lanczos-resized to fit 20x20, its centre of mass moved to the centre of
 * 28x28. No thresholds, no rules: simple and predictable.
 */
final class Textbook {

    private Textbook() {}

    static float[] pixels(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] ink = new float[width * height];
        boolean grey = image.getRaster().getNumBands() == 1
                && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (grey) {
                    // The grey levels as stored, as any MNIST tutorial reads them: getRGB would
                    // pass them through a gamma curve and lighten every mid grey.
                    ink[y * width + x] = 1 - image.getRaster().getSample(x, y, 0) / 255f;
                    continue;
                }
                int rgb = image.getRGB(x, y);
                float luminance = (0.299f * ((rgb >> 16) & 0xFF) + 0.587f * ((rgb >> 8) & 0xFF) + 0.114f * (rgb & 0xFF))
                        / 255f;
                ink[y * width + x] = 1 - luminance;
            }
        }
        float[] sorted = ink.clone();
        Arrays.sort(sorted);
        float background = sorted[sorted.length / 2];
        float max = sorted[sorted.length - 1];
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0, (ink[i] - background) / Math.max(1e-6f, max - background));
            if (ink[i] > 0.2f) {
                left = Math.min(left, i % width);
                right = Math.max(right, i % width);
                top = Math.min(top, i / width);
                bottom = Math.max(bottom, i / width);
            }
        }
        if (right < 0) {
            throw new InvalidImageException(InvalidImageException.Reason.BLANK, "blank");
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = 20.0 / Math.max(boxWidth, boxHeight);
        int w = Math.max(1, (int) Math.round(boxWidth * scale));
        int h = Math.max(1, (int) Math.round(boxHeight * scale));
        float[] crop = new float[boxWidth * boxHeight];
        for (int y = 0; y < boxHeight; y++) {
            System.arraycopy(ink, (top + y) * width + left, crop, y * boxWidth, boxWidth);
        }
        float[] rows = new float[w * boxHeight];
        for (int y = 0; y < boxHeight; y++) {
            lanczos(crop, y * boxWidth, 1, boxWidth, rows, y * w, 1, w);
        }
        float[] box = new float[w * h];
        for (int x = 0; x < w; x++) {
            lanczos(rows, x, w, boxHeight, box, x, w, h);
        }
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < box.length; i++) {
            box[i] = Math.max(0, Math.min(1, box[i]));
            mass += box[i];
            sumX += box[i] * (i % w);
            sumY += box[i] * (i / w);
        }
        int dx = (int) Math.round(14 - sumX / mass);
        int dy = (int) Math.round(14 - sumY / mass);
        float[] pixels = new float[784];
        for (int i = 0; i < box.length; i++) {
            int x = i % w + dx;
            int y = i / w + dy;
            if (x >= 0 && x < 28 && y >= 0 && y < 28) {
                pixels[y * 28 + x] = box[i];
            }
        }
        return pixels;
    }

    /** Lanczos-3 resampling of one line, its kernel widened by the shrink factor when shrinking. */
    private static void lanczos(float[] in, int inStart, int inStep, int inLength, float[] out, int outStart,
            int outStep, int outLength) {
        double scale = (double) inLength / outLength;
        double support = 3 * Math.max(1, scale);
        for (int o = 0; o < outLength; o++) {
            double centre = (o + 0.5) * scale - 0.5;
            double sum = 0;
            double weights = 0;
            for (int i = (int) Math.floor(centre - support); i <= (int) Math.ceil(centre + support); i++) {
                double t = (i - centre) / Math.max(1, scale);
                double weight = Math.abs(t) < 1e-9 ? 1 : Math.abs(t) >= 3 ? 0
                        : 3 * Math.sin(Math.PI * t) * Math.sin(Math.PI * t / 3) / (Math.PI * Math.PI * t * t);
                int clamped = Math.max(0, Math.min(inLength - 1, i));
                sum += weight * in[inStart + clamped * inStep];
                weights += weight;
            }
            out[outStart + o * outStep] = (float) (sum / weights);
        }
    }
}
