package dev.digits.model.evaluation;

import dev.digits.model.nn.DigitNetwork;
import java.util.Arrays;

/**
 * A test image the model got wrong, with its pixels so a picture of it needs no data set.
 *
 * @param index the image's position in the test set
 * @param trueDigit the label
 * @param predictedDigit the model's answer
 * @param confidence the probability the model gave its answer
 * @param pixels 784 grey levels, 0 (background) to 255 (ink), row by row
 */
public record Mistake(int index, int trueDigit, int predictedDigit, double confidence, int[] pixels) {

    public static final int SIDE = DigitNetwork.IMAGE_SIDE;

    public Mistake {
        if (pixels == null || pixels.length != SIDE * SIDE) {
            throw new IllegalArgumentException("a mistake needs 784 pixels, got "
                    + (pixels == null ? "none" : pixels.length));
        }
        pixels = pixels.clone();
    }

    @Override
    public int[] pixels() {
        return pixels.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mistake m && m.index == index && m.trueDigit == trueDigit
                && m.predictedDigit == predictedDigit && m.confidence == confidence && Arrays.equals(m.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pixels) * 31 + index;
    }

    @Override
    public String toString() {
        return "Mistake[index=" + index + ", true=" + trueDigit + ", predicted=" + predictedDigit
                + ", confidence=" + confidence + "]";
    }
}
