package dev.digits.train.augment;

import dev.digits.model.image.DigitImages;
import dev.digits.model.nn.DigitNetwork;
import java.util.Random;

/**
 * Two digits written so close that their ink touches, framed as the number reader frames one mark
 * it reads whole ({@link DigitImages#frame}): what a touching pair looks like to the network. Such
 * an image is labelled {@link #TWO_DIGITS} and trained towards all ten digits alike, so that the
 * network is unsure of a pair read whole, and the reader's cut, whose pieces it reads surely, wins
 * ({@code DigitSegmentation.readings}). Without them the network reads most pairs as one sure
 * digit: of the held-out touching pairs the robust recipe's model read wrong, 351 of 398 as one.
 */
public final class TouchingPairs {

    /** The label of an image of two digits: no digit, trained towards all ten alike. */
    public static final int TWO_DIGITS = 10;
    /** Ink above this level is the digit's (the reader's marks start at 0.1); below, soft edges and dust. */
    private static final float INK = 0.1f;
    /** The right digit overlaps the left's ink box by 0 to this many columns. */
    private static final int MOST_OVERLAP = 3;
    /** And sits up to this many rows higher or lower. */
    private static final int MOST_DROP = 2;
    private static final int SIDE = DigitNetwork.IMAGE_SIDE;

    private TouchingPairs() {}

    /**
     * The two 28x28 images (ink bright) at {@code left} and {@code right} of {@code images} side by
     * side, touching, framed: 784 values; null if either has no ink (a look made it too faint).
     * The draws come first, so that the batch's generator moves on alike either way.
     */
    public static float[] compose(float[] images, int left, int right, Random random) {
        int[] a = inkBox(images, left);
        int[] b = inkBox(images, right);
        int overlap = random.nextInt(MOST_OVERLAP + 1);
        int drop = random.nextInt(2 * MOST_DROP + 1) - MOST_DROP;
        if (a == null || b == null) {
            return null;
        }
        int aWidth = a[2] - a[0] + 1;
        int bWidth = b[2] - b[0] + 1;
        int aHeight = a[3] - a[1] + 1;
        int bHeight = b[3] - b[1] + 1;
        // The right digit's box starts where the left's ends, less the overlap; centred on the same row, moved by the drop.
        int bLeft = Math.max(0, aWidth - overlap);
        int aTop = Math.max(0, (bHeight - aHeight) / 2 - drop);
        int bTop = Math.max(0, (aHeight - bHeight) / 2 + drop);
        int width = Math.max(aWidth, bLeft + bWidth);
        int height = Math.max(aTop + aHeight, bTop + bHeight);
        float[] canvas = new float[width * height];
        paste(images, left, a, canvas, width, 0, aTop);
        paste(images, right, b, canvas, width, bLeft, bTop);
        return DigitImages.frame(canvas, width, height);
    }

    /** Left, top, right, bottom of an image's ink, or null if it has none. */
    private static int[] inkBox(float[] images, int start) {
        int[] box = {SIDE, SIDE, -1, -1};
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if (images[start + y * SIDE + x] > INK) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box[2] < 0 ? null : box;
    }

    /** The ink of one image's box onto the canvas at (x, y), the stronger ink where the two overlap. */
    private static void paste(float[] images, int start, int[] box, float[] canvas, int width, int x, int y) {
        for (int row = box[1]; row <= box[3]; row++) {
            for (int column = box[0]; column <= box[2]; column++) {
                float ink = images[start + row * SIDE + column];
                int at = (y + row - box[1]) * width + x + column - box[0];
                if (ink > INK / 2) {
                    canvas[at] = Math.max(canvas[at], ink);
                }
            }
        }
    }
}
