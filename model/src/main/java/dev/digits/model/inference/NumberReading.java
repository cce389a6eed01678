package dev.digits.model.inference;

import java.util.List;

/**
 * A handwritten number read from one image: its digits left to right.
 *
 * @param number the digits read, as text ("2025"; leading zeros kept)
 * @param confidence the probability that every digit is right: the product of theirs
 * @param digits each digit, where it is and how sure the network is
 */
public record NumberReading(String number, float confidence, List<DigitInNumber> digits) {

    public NumberReading {
        digits = List.copyOf(digits);
    }

    /**
     * One digit of a number.
     *
     * @param digit the digit read
     * @param confidence its probability
     * @param box where it is in the image as decoded: x, y, width, height in pixels
     * @param prediction the ten probabilities
     * @param pixels the 784 MNIST-style pixels the network read: the digit as it saw it
     */
    public record DigitInNumber(int digit, float confidence, int[] box, Prediction prediction, float[] pixels) {

        public DigitInNumber {
            box = box.clone();
            pixels = pixels.clone();
        }

        @Override
        public int[] box() {
            return box.clone();
        }

        @Override
        public float[] pixels() {
            return pixels.clone();
        }
    }
}
