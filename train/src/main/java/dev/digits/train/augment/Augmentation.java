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
 */
public record Augmentation(double rotationDegrees, double shiftPixels, double scale, double shear, double looks) {

    /** No distortion: the seed recipe's. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0);
    /** The bounds of published small-CNN recipes for MNIST. */
    public static final Augmentation STANDARD = new Augmentation(12, 2.5, 0.1, 0.2);
    /** The standard distortions, and each look with a chance of 0.3: on average two looks an image, 8% none. */
    public static final Augmentation ROBUST = new Augmentation(12, 2.5, 0.1, 0.2, 0.3);

    /** Only the geometric distortions. */
    public Augmentation(double rotationDegrees, double shiftPixels, double scale, double shear) {
        this(rotationDegrees, shiftPixels, scale, shear, 0);
    }

    static final double MAX_ROTATION = 45;
    static final double MAX_SHIFT = 8;
    static final double MAX_SCALE = 0.5;
    static final double MAX_SHEAR = 0.5;

    private static final int SIDE = DigitNetwork.IMAGE_SIDE;
    private static final double CENTRE = (SIDE - 1) / 2.0;

    public Augmentation {
        check("rotation", rotationDegrees, MAX_ROTATION, "degrees");
        check("shift", shiftPixels, MAX_SHIFT, "pixels");
        check("scale", scale, MAX_SCALE, "");
        check("shear", shear, MAX_SHEAR, "");
        check("looks", looks, 1, "");
    }

    private static void check(String name, double value, double max, String unit) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "augmentation %s must be from 0 to %s%s, got %s",
                    name, max, unit.isEmpty() ? "" : " " + unit, value));
        }
    }

    /**
     * Reads {@code none}, {@code standard}, {@code robust}, or bounds as
     * {@code rotation=12,shift=2.5,scale=0.1,shear=0.2,looks=0.3} (any of them; those left out are 0).
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
        double[] bounds = new double[5];
        for (String part : spec.split(",")) {
            String[] pair = part.split("=", 2);
            int at = switch (pair[0].trim()) {
                case "rotation" -> 0;
                case "shift" -> 1;
                case "scale" -> 2;
                case "shear" -> 3;
                case "looks" -> 4;
                default -> throw new IllegalArgumentException("unknown augmentation '" + part.trim() + "': give none,"
                        + " standard, robust, or any of rotation=DEGREES,shift=PIXELS,scale=FRACTION,shear=FRACTION,"
                        + "looks=CHANCE");
            };
            try {
                bounds[at] = Double.parseDouble(pair.length == 2 ? pair[1].trim() : "");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation " + pair[0].trim() + " needs a number, as in "
                        + pair[0].trim() + "=0.1; got '" + part.trim() + "'");
            }
        }
        return new Augmentation(bounds[0], bounds[1], bounds[2], bounds[3], bounds[4]);
    }

    /** The form {@link #parse} reads back (without looks when there are none, as models before them recorded it). */
    @Override
    public String toString() {
        if (equals(NONE)) {
            return "none";
        }
        String geometric = String.format(Locale.ROOT, "rotation=%s,shift=%s,scale=%s,shear=%s", rotationDegrees,
                shiftPixels, scale, shear);
        return looks == 0 ? geometric : geometric + String.format(Locale.ROOT, ",looks=%s", looks);
    }

    /** The same kind of distortion, each bound times {@code factor} (0: none). */
    public Augmentation scaled(double factor) {
        return new Augmentation(rounded(rotationDegrees * factor), rounded(shiftPixels * factor),
                rounded(scale * factor), rounded(shear * factor), Math.min(1, rounded(looks * factor)));
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

    /** Distorts each 28x28 image of a batch (images one after another) with its own draw. */
    public float[] applyToBatch(float[] images, Random random) {
        int pixels = SIDE * SIDE;
        float[] out = new float[images.length];
        for (int start = 0; start + pixels <= images.length; start += pixels) {
            apply(images, start, draw(random), out);
            if (looks > 0) {
                Looks.apply(out, start, looks, random);
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
