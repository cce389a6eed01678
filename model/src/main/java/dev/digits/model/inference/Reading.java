package dev.digits.model.inference;

/**
 * What the recognizer made of one image among many: the digit read, or why none was.
 *
 * @param prediction the digit and its probabilities, or null
 * @param error why the image could not be read, for the person who sent it, or null
 */
public record Reading(Prediction prediction, String error) {

    public Reading {
        if ((prediction == null) == (error == null)) {
            throw new IllegalArgumentException("a reading has either a prediction or an error");
        }
    }

    public static Reading of(Prediction prediction) {
        return new Reading(prediction, null);
    }

    public static Reading failed(String error) {
        return new Reading(null, error);
    }

    public boolean ok() {
        return prediction != null;
    }
}
