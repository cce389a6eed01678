package dev.digits.train.augment;

import dev.digits.model.nn.DigitNetwork;
import java.util.Locale;
import java.util.Random;

/**
 * Random affine distortion of each training image on its own, drawn afresh every time the image
 * is seen: turned, moved, scaled and sheared about the image's centre, within these bounds. DJL
 * 0.36 has no affine transform, and its pipelines see whole batches (one draw for all 128).
 *
 * @param rotationDegrees turns of up to this many degrees either way
 * @param shiftPixels moves of up to this many pixels, across and down, either way
 * @param scale scaling by 1 plus or minus up to this
 * @param shear horizontal shear of up to this, either way (0.2: the top moves 0.2 pixels per row)
 * @param looks the chance of each of {@link Looks}' looks (thinner or thicker strokes, blur, low
 *     resolution, faint ink, grain, specks, a gap), each drawn on its own: 0 gives none
 * @param pairs the chance of an image being replaced by it and another of the batch touching
 *     ({@link TouchingPairs}), labelled as no digit: 0 gives none
 */
public record Augmentation(double rotationDegrees, double shiftPixels, double scale, double shear, double looks,
        double pairs) {

    /** No distortion: the seed recipe's. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0);
    /** The bounds of published small-CNN recipes for MNIST. */
    public static final Augmentation STANDARD = new Augmentation(12, 2.5, 0.1, 0.2);
    /**
     * The standard distortions, each look with a chance of 0.3 (on average two looks an image, 8%
     * none), and one image in 20 a touching pair. Held-out numbers with a touching pair, short runs
     * of 3 epochs: 80.4% read right with 0.05, 83.4% with 0.15, 70.3% without, and single digits
     * lost less with 0.05; the full run then read 88.2% (68.5% without). See docs/reading.md.
     */
    public static final Augmentation ROBUST = new Augmentation(12, 2.5, 0.1, 0.2, 0.3, 0.05);

    /** Only the geometric distortions. */
    public Augmentation(double rotationDegrees, double shiftPixels, double scale, double shear) {
        this(rotationDegrees, shiftPixels, scale, shear, 0);
    }

    /** The geometric distortions and the looks, no pairs. */
    public Augmentation(double rotationDegrees, double shiftPixels, double scale, double shear, double looks) {
        this(rotationDegrees, shiftPixels, scale, shear, looks, 0);
    }

    static final double MAX_ROTATION = 45;
    static final double MAX_SHIFT = 8;
    static final double MAX_SCALE = 0.5;
    static final double MAX_SHEAR = 0.5;
    /** Most of every batch stays single digits: pairs teach doubt, the rest the digits. */
    static final double MAX_PAIRS = 0.5;

    private static final int SIDE = DigitNetwork.IMAGE_SIDE;
    private static final double CENTRE = (SIDE - 1) / 2.0;

    public Augmentation {
        check("rotation", rotationDegrees, MAX_ROTATION, "degrees");
        check("shift", shiftPixels, MAX_SHIFT, "pixels");
        check("scale", scale, MAX_SCALE, "");
        check("shear", shear, MAX_SHEAR, "");
        check("looks", looks, 1, "");
        check("pairs", pairs, MAX_PAIRS, "");
    }

    private static void check(String name, double value, double max, String unit) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "augmentation %s must be from 0 to %s%s, got %s",
                    name, max, unit.isEmpty() ? "" : " " + unit, value));
        }
    }

    /**
     * Reads {@code none}, {@code standard}, {@code robust}, or bounds as
     * {@code rotation=12,shift=2.5,scale=0.1,shear=0.2,looks=0.3,pairs=0.05} (any of them; those left out are 0).
     */
    public static Augmentation parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("none")) {
            return NONE;
        }
        if (spec.equals("standard")) {
            return STANDARD;
        }
        if (spec.equals("robust")) {
            return ROBUST;
        }
        double[] bounds = new double[6];
        for (String part : spec.split(",")) {
            String[] pair = part.split("=", 2);
            int at = switch (pair[0].trim()) {
                case "rotation" -> 0;
                case "shift" -> 1;
                case "scale" -> 2;
                case "shear" -> 3;
                case "looks" -> 4;
                case "pairs" -> 5;
                default -> throw new IllegalArgumentException("unknown augmentation '" + part.trim() + "': give none,"
                        + " standard, robust, or any of rotation=DEGREES,shift=PIXELS,scale=FRACTION,shear=FRACTION,"
                        + "looks=CHANCE,pairs=CHANCE");
            };
            try {
                bounds[at] = Double.parseDouble(pair.length == 2 ? pair[1].trim() : "");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation " + pair[0].trim() + " needs a number, as in "
                        + pair[0].trim() + "=0.1; got '" + part.trim() + "'");
            }
        }
        return new Augmentation(bounds[0], bounds[1], bounds[2], bounds[3], bounds[4], bounds[5]);
    }

    /**
     * The form {@link #parse} reads back (without looks or pairs when there are none, as models
     * before them recorded it).
     */
    @Override
    public String toString() {
        if (equals(NONE)) {
            return "none";
        }
        String geometric = String.format(Locale.ROOT, "rotation=%s,shift=%s,scale=%s,shear=%s", rotationDegrees,
                shiftPixels, scale, shear);
        return geometric + (looks == 0 ? "" : String.format(Locale.ROOT, ",looks=%s", looks))
                + (pairs == 0 ? "" : String.format(Locale.ROOT, ",pairs=%s", pairs));
    }

    /** The same kind of distortion, each bound times {@code factor} (0: none). */
    public Augmentation scaled(double factor) {
        return new Augmentation(rounded(rotationDegrees * factor), rounded(shiftPixels * factor),
                rounded(scale * factor), rounded(shear * factor), Math.min(1, rounded(looks * factor)),
                Math.min(MAX_PAIRS, rounded(pairs * factor)));
    }

    /** To four decimals, so that specs read as written (0.15, not 0.15000000000000002). */
    private static double rounded(double value) {
        return Math.round(value * 1e4) / 1e4;
    }

    /** One draw: the distortion of one image. */
    public record Distortion(double degrees, double dx, double dy, double scale, double shear) {}

    public Distortion draw(Random random) {
        return new Distortion(either(random, rotationDegrees), either(random, shiftPixels), either(random, shiftPixels),
                1 + either(random, scale), either(random, shear));
    }

    private static double either(Random random, double bound) {
        return bound == 0 ? 0 : (2 * random.nextDouble() - 1) * bound;
    }

    /**
     * Distorts each 28x28 image of a batch (images one after another) with its own draw.
     *
     * @throws IllegalStateException if this augmentation makes pairs, which change labels
     */
    public float[] applyToBatch(float[] images, Random random) {
        if (pairs > 0) {
            throw new IllegalStateException("touching pairs change labels: give them to applyToBatch");
        }
        return applyToBatch(images, null, random);
    }

    /**
     * Distorts each 28x28 image of a batch with its own draw, then replaces each with a chance of
     * {@link #pairs} by it and another of the batch touching, its label (in {@code labels}, one per
     * image; null only without pairs) set to {@link TouchingPairs#TWO_DIGITS}.
     */
    public float[] applyToBatch(float[] images, float[] labels, Random random) {
        int pixels = SIDE * SIDE;
        float[] out = new float[images.length];
        for (int start = 0; start + pixels <= images.length; start += pixels) {
            apply(images, start, draw(random), out);
            if (looks > 0) {
                Looks.apply(out, start, looks, random);
            }
        }
        int count = images.length / pixels;
        if (pairs > 0 && count > 1) {
            float[] singles = out.clone();
            for (int i = 0; i < count; i++) {
                if (random.nextDouble() < pairs) {
                    int other = random.nextInt(count - 1);
                    other += other >= i ? 1 : 0;
                    boolean first = random.nextBoolean();
                    float[] pair = TouchingPairs.compose(singles, (first ? i : other) * pixels,
                            (first ? other : i) * pixels, random);
                    if (pair != null) {
                        System.arraycopy(pair, 0, out, i * pixels, pixels);
                        labels[i] = TouchingPairs.TWO_DIGITS;
                    }
                }
            }
        }
        return out;
    }

    /** One 28x28 image distorted; what comes from outside the image is background. */
    public static float[] apply(float[] image, Distortion distortion) {
        float[] out = new float[image.length];
        apply(image, 0, distortion, out);
        return out;
    }

    /**
     * Samples each output pixel from where the inverse distortion puts it in the input, with
     * bilinear weights: with no distortion, every pixel is its own.
     */
    private static void apply(float[] in, int start, Distortion d, float[] out) {
        double angle = Math.toRadians(d.degrees());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        // Forward: rotate, then shear, then scale, about the centre; inverse of that 2x2 matrix.
        double a = d.scale() * (cos + d.shear() * sin);
        double b = d.scale() * (-sin + d.shear() * cos);
        double c = d.scale() * sin;
        double e = d.scale() * cos;
        double determinant = a * e - b * c;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double u = x - CENTRE - d.dx();
                double v = y - CENTRE - d.dy();
                double sx = (e * u - b * v) / determinant + CENTRE;
                double sy = (-c * u + a * v) / determinant + CENTRE;
                out[start + y * SIDE + x] = sample(in, start, sx, sy);
            }
        }
    }

    private static float sample(float[] in, int start, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double value = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                double weight = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                int px = x0 + dx;
                int py = y0 + dy;
                if (weight > 0 && px >= 0 && px < SIDE && py >= 0 && py < SIDE) {
                    value += weight * in[start + py * SIDE + px];
                }
            }
        }
        return (float) value;
    }
}
