package dev.digits.train.augment;

import dev.digits.model.image.DigitImages;
import dev.digits.model.nn.DigitNetwork;
import java.util.Random;

/**
 * A digit drawn again smaller by nearest neighbour, as a canvas without smoothing, a pixel editor
 * or a thumbnailer draws it, then framed again as the reader frames any digit
 * ({@link DigitImages#frame}): whole rows and columns of its strokes are gone, and the frame
 * enlarges what is left. Digits drawn so within a number read wrong about three times as often as
 * the same digits drawn smaller smoothly (held-out digits, docs/reading.md).
 */
public final class Redrawn {

    /** Drawn at this share of its size at least; at most {@link #LARGEST}. */
    static final double SMALLEST = 0.5;
    static final double LARGEST = 0.95;
    private static final int SIDE = DigitNetwork.IMAGE_SIDE;

    private Redrawn() {}

    /** The 28x28 image (ink bright) at {@code start} of {@code images}, drawn again at a share of its size drawn here. */
    static void apply(float[] images, int start, Random random) {
        apply(images, start, SMALLEST + (LARGEST - SMALLEST) * random.nextDouble());
    }

    /** The image at {@code start}, drawn again at {@code factor} of its size and framed again; as it was if it has no ink. */
    static void apply(float[] images, int start, double factor) {
        int side = (int) Math.round(SIDE * factor);
        float[] small = new float[side * side];
        boolean inked = false;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float ink = images[start + Math.min(SIDE - 1, (int) (y / factor)) * SIDE
                        + Math.min(SIDE - 1, (int) (x / factor))];
                small[y * side + x] = ink;
                inked |= ink > 0;
            }
        }
        if (inked) {
            System.arraycopy(DigitImages.frame(small, side, side), 0, images, start, SIDE * SIDE);
        }
    }
}
