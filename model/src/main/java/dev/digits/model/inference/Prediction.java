package dev.digits.model.inference;

import dev.digits.model.nn.DigitNetwork;
import java.util.Arrays;

/**
 * What the network read: the digit and the probability of each digit 0 to 9.
 *
 * @param digit the most probable digit
 * @param probabilities ten probabilities that sum to 1
 */
public record Prediction(int digit, float[] probabilities) {

    public Prediction {
        if (probabilities == null || probabilities.length != DigitNetwork.CLASSES) {
            throw new IllegalArgumentException("a prediction has " + DigitNetwork.CLASSES + " probabilities");
        }
        probabilities = probabilities.clone();
    }

    /** Builds a prediction from probabilities, taking the most probable digit. */
    public static Prediction of(float[] probabilities) {
        int best = 0;
        for (int d = 1; d < probabilities.length; d++) {
            if (probabilities[d] > probabilities[best]) {
                best = d;
            }
        }
        return new Prediction(best, probabilities);
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The probability of the predicted digit. */
    public float confidence() {
        return probabilities[digit];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prediction p && p.digit == digit && Arrays.equals(p.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return digit * 31 + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Prediction[digit=" + digit + ", probabilities=" + Arrays.toString(probabilities) + "]";
    }
}
