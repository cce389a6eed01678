package dev.digits.model.inference;

import ai.djl.modality.Classifications;
import dev.digits.model.nn.DigitNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /**
     * The prediction in DJL's terms.
     *
     * @param classifications ten classes named "0" to "9", in any order
     * @throws IllegalArgumentException if the classes are not the ten digits
     */
    public static Prediction of(Classifications classifications) {
        List<String> names = classifications.getClassNames();
        List<Double> values = classifications.getProbabilities();
        float[] probabilities = new float[DigitNetwork.CLASSES];
        boolean[] seen = new boolean[DigitNetwork.CLASSES];
        for (int i = 0; i < names.size(); i++) {
            int digit = digit(names.get(i));
            if (digit < 0 || seen[digit]) {
                throw new IllegalArgumentException("classes " + names + " are not the ten digits 0 to 9");
            }
            seen[digit] = true;
            probabilities[digit] = values.get(i).floatValue();
        }
        if (names.size() != DigitNetwork.CLASSES) {
            throw new IllegalArgumentException("classes " + names + " are not the ten digits 0 to 9");
        }
        return of(probabilities);
    }

    private static int digit(String name) {
        return name.length() == 1 && name.charAt(0) >= '0' && name.charAt(0) <= '9' ? name.charAt(0) - '0' : -1;
    }

    /** The prediction as DJL's {@link Classifications}: classes "0" to "9" with their probabilities. */
    public Classifications toClassifications() {
        List<Double> values = new ArrayList<>(DigitNetwork.CLASSES);
        for (float p : probabilities) {
            values.add((double) p);
        }
        return new Classifications(DigitNetwork.CLASS_NAMES, values);
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
