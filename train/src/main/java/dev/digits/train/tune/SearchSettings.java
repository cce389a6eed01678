package dev.digits.train.tune;

import dev.digits.train.training.Recipe;

/**
 * What every trial of a search shares; a search folder keeps them in {@value #FILE}, and a search
 * resumed in that folder must ask for the same.
 *
 * @param recipe the recipe whose architecture and schedule every trial uses
 * @param epochs epochs per trial
 * @param trainLimit training images per trial, of which {@code validationImages} are held out
 * @param validationImages the held-out images each trial is judged on
 * @param seed decides each trial's draws (and its training's seed)
 */
public record SearchSettings(Recipe recipe, int epochs, int trainLimit, int validationImages, long seed) {

    public static final String FILE = "search.json";

    public SearchSettings {
        java.util.Objects.requireNonNull(recipe, "recipe");
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (validationImages < 1 || validationImages >= trainLimit) {
            throw new IllegalArgumentException("--validation-images must be at least 1 and fewer than the "
                    + trainLimit + " training images (--train-limit), got " + validationImages);
        }
    }
}
