package dev.digits.model.image;

import dev.digits.model.nn.DigitNetwork;
import java.awt.image.BufferedImage;

/**
 * Turns real images into MNIST-style input, as the MNIST digits were made: grey levels, ink light
 * on a dark background, the digit's bounding box scaled to fit 20x20 keeping its aspect ratio,
 * then placed in 28x28 so that its centre of mass is at the centre.
 */
public final class DigitImages {

    public static final int SIDE = DigitNetwork.IMAGE_SIDE;
    public static final int PIXELS = DigitNetwork.IMAGE_PIXELS;
    /**
     * Ink fainter than this is taken for noise on even paper. Measured on the reading benchmark's
     * dev halves with the seed model: 0.1 cut the faint strokes of pencil and thin pens (97.8% and
     * 98.4%, against 98.4% and 98.6% at 0.06); 0.03 kept the faintest levels of blocky
     * low-resolution digits as a grey halo (66.8%, against 89.6%).
     */
    private static final float NOISE = 0.06f;
    /** The same under uneven light, where the ink is measured against the paper under it: 0.03. */
    private static final float NOISE_UNEVEN = 0.03f;
    private static final String BLANK_IMAGE = "the image is blank: no digit was found on its background";
    private DigitImages() {}

    /**
     * MNIST-style pixels of any image: 784 values in [0, 1], ink bright, row by row.
     *
     * @throws InvalidImageException if the image is blank: one level everywhere, no digit to read
     */
    public static float[] toMnistPixels(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (width == SIDE && height == SIDE) {
            float[] grey = GreyLevels.of(image);
            if (InkDirection.darkAgainstBorder(grey, width, height)) {
                invert(grey);
            }
            if (InkDirection.borderLevel(grey, width, height) == 0f) {
                // Already an MNIST-format digit: keep it exactly as it is.
                return requireInk(grey, BLANK_IMAGE);
            }
        }
        DigitSegmentation segmentation = new DigitSegmentation(ink(image), width, height);
        return MnistFraming.centre(segmentation.inkOf(segmentation.marks(Integer.MAX_VALUE)), width, height);
    }

    /**
     * Ink of any size (0 paper), framed as the reader frames every digit and mark it gives the
     * network (MNIST's framing): 784 values. Training uses it to show the network what the reader
     * will.
     */
    public static float[] frame(float[] ink, int width, int height) {
        return MnistFraming.centre(requireInk(ink, BLANK_IMAGE), width, height);
    }

    /**
     * The ink of any image, 0 background to 1 ink, as {@link #toMnistPixels} sees it before it
     * crops: light on dark whatever the original, the paper at 0 even under uneven light, and faint
     * noise removed.
     *
     * @throws InvalidImageException if the image is blank
     */
    public static float[] ink(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = GreyLevels.of(image);
        // A page photographed on a desk: the desk around it is neither paper nor ink.
        PageOnSurface.cover(grey, width, height);
        InkDirection direction = InkDirection.of(grey, width, height);
        if (direction.dark()) {
            // As in MNIST, the ink bright.
            invert(grey);
        }
        // The printed lines of ruled and squared paper are not ink: the digit is written over them.
        RuledLines.remove(grey, width, height);
        // Paper whose edges are of one level is taken as one level: a local paper would only add
        // the risk of mistaking a stroke for paper (blocky low-resolution digits).
        if (InkDirection.unevenlyLit(grey, width, height)) {
            // The paper under the ink, measured with the ink dark: a closing removes dark strokes.
            invert(grey);
            float[] paper = Background.estimate(grey, width, height);
            invert(grey);
            invert(paper);
            if (spread(paper) >= InkDirection.UNEVEN) {
                // Ink measured against the paper under it, in proportion: a shadow dims ink and paper alike.
                float[] ink = new float[grey.length];
                for (int i = 0; i < grey.length; i++) {
                    ink[i] = Math.max(0f, grey[i] - paper[i]) / Math.max(0.05f, 1f - paper[i]);
                }
                stretch(ink, width, height, true);
                // Where the ink may touch the edges (not seen clear of them), the edges' differences
                // may be ink, as in soft, tight scans: ink that still runs into the edges once the
                // paper is taken out is read against one level of paper, as the textbook pipeline
                // reads it. Ink that then stands clear of them lay under a shadow that darkened an
                // edge. Dev halves: of the ink not seen clear of the edges, under uneven light 8 of
                // 11 photos join under a fifth of their ink to the edges (3: 0.70 to 0.96); every
                // tight crop, blurred crop and soft scan (255) all of it, but one soft scan 0.53.
                // Ink seen clear of the edges may still be a soft scan's: nearly all of it joined to
                // the edges, it is read against one level too. Dev halves, robust model: soft scans
                // 95.0% -> 98.4% (19 images right only so, 2 only before), tight crops one image
                // more, no other image of the twenty kinds otherwise; the same from 0.8 to 0.97.
                double joined = EdgeInk.joinedToEdges(ink, width, height);
                if (joined < (direction.clearOfEdges() ? EdgeInk.STROKES_AT_EDGES : EdgeInk.SHADOWED)) {
                    EdgeInk.dropFaintInkAtEdges(ink, width, height);
                    ShadowRemnants.drop(ink, grey, width, height);
                    return requireInk(ink, BLANK_IMAGE);
                }
            }
        }
        stretch(grey, width, height, false);
        return requireInk(grey, BLANK_IMAGE);
    }

    private static void invert(float[] levels) {
        for (int i = 0; i < levels.length; i++) {
            levels[i] = 1 - levels[i];
        }
    }

    /**
     * Makes the background 0 and the brightest ink 1, as in MNIST: paper is rarely white and ink
     * rarely black, and a grey background would become a grey box around the scaled digit.
     */
    private static void stretch(float[] grey, int width, int height, boolean uneven) {
        float background = InkDirection.borderLevel(grey, width, height);
        float max = 0;
        for (float v : grey) {
            max = Math.max(max, v);
        }
        float range = max - background;
        if (range <= 0) {
            java.util.Arrays.fill(grey, 0f);
            return;
        }
        for (int i = 0; i < grey.length; i++) {
            grey[i] = Math.max(0f, Math.min(1f, (grey[i] - background) / range));
        }
        // Faint noise (paper texture, grain, JPEG artefacts) is background too.
        float floor = noiseFloor(grey, width, height, uneven ? NOISE_UNEVEN : NOISE);
        if (uneven) {
            floor = Math.max(floor, shadingFloor(grey));
        }
        for (int i = 0; i < grey.length; i++) {
            if (grey[i] < floor) {
                grey[i] = 0f;
            }
        }
    }

    /**
     * The level below which ink is noise: {@value #NOISE}, or higher on grainy paper: three
     * standard deviations above the median of the border, the spread measured robustly (from the
     * median absolute deviation) so that a stroke touching the edge does not count.
     */
    private static float noiseFloor(float[] levels, int width, int height, float least) {
        float[] border = InkDirection.borderLevels(levels, width, height);
        float median = border[border.length / 2];
        float[] deviations = new float[border.length];
        for (int i = 0; i < border.length; i++) {
            deviations[i] = Math.abs(border[i] - median);
        }
        java.util.Arrays.sort(deviations);
        return Math.max(least, median + 3 * 1.4826f * deviations[deviations.length / 2]);
    }

    /** How much the paper's level varies across the image: from its 10th to its 90th percentile. */
    private static float spread(float[] paper) {
        float[] sorted = paper.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length * 9 / 10] - sorted[sorted.length / 10];
    }

    /**
     * On a photo, what the background's removal leaves of shadows and light is faint but not grain:
     * the level three standard deviations above the mean of what Otsu's threshold puts apart from the ink.
     */
    private static float shadingFloor(float[] levels) {
        int bins = 64;
        int[] histogram = new int[bins];
        for (float v : levels) {
            histogram[Math.min(bins - 1, (int) (v * bins))]++;
        }
        double sumAll = 0;
        for (int b = 0; b < bins; b++) {
            sumAll += b * (double) histogram[b];
        }
        double best = -1;
        int threshold = 1;
        double countBelow = 0;
        double sumBelow = 0;
        for (int b = 0; b < bins - 1; b++) {
            countBelow += histogram[b];
            sumBelow += b * (double) histogram[b];
            double countAbove = levels.length - countBelow;
            if (countBelow > 0 && countAbove > 0) {
                double gap = sumBelow / countBelow - (sumAll - sumBelow) / countAbove;
                double between = countBelow * countAbove * gap * gap;
                if (between > best) {
                    best = between;
                    threshold = b + 1;
                }
            }
        }
        float cut = (float) threshold / bins;
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (float v : levels) {
            if (v < cut) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double deviation = n == 0 ? 0 : Math.sqrt(Math.max(0, squares / n - mean * mean));
        return (float) Math.min(cut, mean + 3 * deviation);
    }

    private static float[] requireInk(float[] pixels, String blankMessage) {
        for (float v : pixels) {
            if (v > 0) {
                return pixels;
            }
        }
        throw new InvalidImageException(InvalidImageException.Reason.BLANK, blankMessage);
    }

    /** Checks pixels sent as numbers: 784 finite values in [0, 1], not all 0. */
    public static float[] checkPixels(float[] pixels) {
        if (pixels == null || pixels.length != PIXELS) {
            throw new InvalidImageException(InvalidImageException.Reason.BAD_PIXELS,
                    "expected 784 pixels (28x28, row by row), got " + (pixels == null ? 0 : pixels.length));
        }
        for (int i = 0; i < pixels.length; i++) {
            float v = pixels[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new InvalidImageException(InvalidImageException.Reason.BAD_PIXELS,
                        "pixel " + i + " is " + v + "; pixels must be numbers from 0 (background) to 1 (ink)");
            }
        }
        return requireInk(pixels, "all 784 pixels are 0: there is no digit to read (1 is ink, 0 is background)");
    }
}
