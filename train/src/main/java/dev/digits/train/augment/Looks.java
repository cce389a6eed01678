package dev.digits.train.augment;

import boofcv.alg.filter.convolve.ConvolveImage;
import boofcv.core.image.border.FactoryImageBorder;
import boofcv.factory.filter.kernel.FactoryKernelGaussian;
import boofcv.struct.border.BorderType;
import boofcv.struct.border.ImageBorder_F32;
import boofcv.struct.convolve.Kernel1D_F32;
import boofcv.struct.image.GrayF32;
import java.util.Random;

/**
 * How the same digit reaches the network from images that are not MNIST's, after the
 * preprocessing has made them 28x28 (ink bright, centred): strokes thinner or thicker, soft
 * (out of focus), blocky or smooth from a low resolution, faint, grainy, specked, broken. Each
 * look is given to an image with a probability of its own draw; applied to MNIST's training
 * images, they teach the network what the reading benchmark's kinds of image look like to it.
 * Inversion is not among them: the preprocessing undoes it.
 */
public final class Looks {

    private static final int SIDE = 28;

    private Looks() {}

    /** One image of 784 pixels at {@code start}, each look given with probability {@code chance}. */
    static void apply(float[] image, int start, double chance, Random random) {
        float[] pixels = new float[SIDE * SIDE];
        System.arraycopy(image, start, pixels, 0, pixels.length);
        if (random.nextDouble() < chance) {
            pixels = thickness(pixels, random);
        }
        if (random.nextDouble() < chance) {
            pixels = blur(pixels, 0.3 + 0.7 * random.nextDouble());
        }
        if (random.nextDouble() < chance) {
            pixels = lowResolution(pixels, 8 + random.nextInt(7), random.nextBoolean());
        }
        if (random.nextDouble() < chance) {
            // Faint ink: a pencil, a grey pen, a soft scan.
            float strength = 0.4f + 0.6f * random.nextFloat();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] *= strength;
            }
        }
        if (random.nextDouble() < chance) {
            float grain = 0.01f + 0.05f * random.nextFloat();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = clamp(pixels[i] + grain * (float) random.nextGaussian());
            }
        }
        if (random.nextDouble() < chance) {
            specks(pixels, 1 + random.nextInt(3), random);
        }
        if (random.nextDouble() < chance) {
            gap(pixels, random);
        }
        System.arraycopy(pixels, 0, image, start, pixels.length);
    }

    /** Thicker (a grey-level dilation) or thinner (an erosion), in part: a blend with the original. */
    static float[] thickness(float[] pixels, Random random) {
        boolean thicker = random.nextBoolean();
        float[] changed = extreme(pixels, thicker);
        float share = 0.4f + 0.6f * random.nextFloat();
        float[] out = new float[pixels.length];
        double left = 0;
        for (int i = 0; i < pixels.length; i++) {
            out[i] = pixels[i] + share * (changed[i] - pixels[i]);
            left += out[i];
        }
        // An erosion that took nearly all of a thin digit away would teach nothing.
        return left > 15 ? out : pixels;
    }

    /** The maximum (or minimum) of each pixel's 3x3 neighbourhood. */
    private static float[] extreme(float[] pixels, boolean max) {
        float[] out = new float[pixels.length];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float value = max ? 0f : 1f;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        float v = nx >= 0 && ny >= 0 && nx < SIDE && ny < SIDE ? pixels[ny * SIDE + nx] : 0f;
                        value = max ? Math.max(value, v) : Math.min(value, v);
                    }
                }
                out[y * SIDE + x] = value;
            }
        }
        return out;
    }

    /** A Gaussian blur of {@code sigma} pixels (BoofCV's, ink beyond the edges taken as none). */
    static float[] blur(float[] pixels, double sigma) {
        Kernel1D_F32 kernel = FactoryKernelGaussian.gaussian(Kernel1D_F32.class, sigma, (int) Math.ceil(3 * sigma));
        ImageBorder_F32 none = (ImageBorder_F32) FactoryImageBorder.single(BorderType.ZERO, GrayF32.class);
        GrayF32 image = new GrayF32(SIDE, SIDE);
        System.arraycopy(pixels, 0, image.data, 0, pixels.length);
        GrayF32 rows = new GrayF32(SIDE, SIDE);
        GrayF32 out = new GrayF32(SIDE, SIDE);
        ConvolveImage.horizontal(kernel, image, rows, none);
        ConvolveImage.vertical(kernel, rows, out, none);
        return out.data;
    }

    /** Shrunk to {@code side} pixels (area averages), then enlarged again, smoothly or blockily. */
    static float[] lowResolution(float[] pixels, int side, boolean smooth) {
        float[] small = new float[side * side];
        double step = (double) SIDE / side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double sum = 0;
                double area = 0;
                for (int sy = (int) (y * step); sy < Math.min(SIDE, Math.ceil((y + 1) * step)); sy++) {
                    for (int sx = (int) (x * step); sx < Math.min(SIDE, Math.ceil((x + 1) * step)); sx++) {
                        double cover = (Math.min((x + 1) * step, sx + 1) - Math.max(x * step, sx))
                                * (Math.min((y + 1) * step, sy + 1) - Math.max(y * step, sy));
                        sum += cover * pixels[sy * SIDE + sx];
                        area += cover;
                    }
                }
                small[y * side + x] = (float) (sum / area);
            }
        }
        float[] out = new float[pixels.length];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double sx = (x + 0.5) / step - 0.5;
                double sy = (y + 0.5) / step - 0.5;
                if (!smooth) {
                    out[y * SIDE + x] = small[clampIndex((int) Math.round(sy), side) * side
                            + clampIndex((int) Math.round(sx), side)];
                    continue;
                }
                int x0 = clampIndex((int) Math.floor(sx), side);
                int y0 = clampIndex((int) Math.floor(sy), side);
                int x1 = clampIndex(x0 + 1, side);
                int y1 = clampIndex(y0 + 1, side);
                float fx = (float) Math.max(0, Math.min(1, sx - Math.floor(sx)));
                float fy = (float) Math.max(0, Math.min(1, sy - Math.floor(sy)));
                float top = small[y0 * side + x0] + fx * (small[y0 * side + x1] - small[y0 * side + x0]);
                float bottom = small[y1 * side + x0] + fx * (small[y1 * side + x1] - small[y1 * side + x0]);
                out[y * SIDE + x] = top + fy * (bottom - top);
            }
        }
        return out;
    }

    /** Small blobs of ink where none was: dirt the preprocessing kept. */
    private static void specks(float[] pixels, int count, Random random) {
        for (int n = 0; n < count; n++) {
            int x = random.nextInt(SIDE - 1);
            int y = random.nextInt(SIDE - 1);
            float level = 0.3f + 0.7f * random.nextFloat();
            pixels[y * SIDE + x] = Math.max(pixels[y * SIDE + x], level);
            if (random.nextBoolean()) {
                pixels[y * SIDE + x + 1] = Math.max(pixels[y * SIDE + x + 1], level);
            }
        }
    }

    /** A stroke broken where the pen skipped: a small disc of ink taken away. */
    private static void gap(float[] pixels, Random random) {
        for (int tries = 0; tries < 50; tries++) {
            int at = random.nextInt(pixels.length);
            if (pixels[at] > 0.5f) {
                int cx = at % SIDE;
                int cy = at / SIDE;
                double r = 1 + random.nextDouble();
                for (int y = Math.max(0, cy - 2); y <= Math.min(SIDE - 1, cy + 2); y++) {
                    for (int x = Math.max(0, cx - 2); x <= Math.min(SIDE - 1, cx + 2); x++) {
                        if (Math.hypot(x - cx, y - cy) <= r) {
                            pixels[y * SIDE + x] = 0f;
                        }
                    }
                }
                return;
            }
        }
    }

    private static int clampIndex(int index, int side) {
        return Math.max(0, Math.min(side - 1, index));
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(1f, value));
    }
}
