package dev.digits.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which training images are held out of training to validate on: a fixed choice, the same for
 * every run and every seed, so that runs and search trials are compared on the same images and
 * the test images are left for the final evaluation alone.
 *
 * @param images the training images to split (the first {@code images} of the training file)
 * @param heldOut how many of them to hold out
 */
public record ValidationSplit(int images, int heldOut) {

    /** The split's own seed: not the run's, which changes between runs that must be compared. */
    public static final long SEED = 20_251_201L;

    public ValidationSplit {
        if (heldOut < 1 || heldOut >= images) {
            throw new IllegalArgumentException("cannot hold " + heldOut + " of " + images
                    + " training images out: hold out at least 1 and leave at least 1 to train on");
        }
    }

    /** The indices of the held-out images, in increasing order. */
    public List<Long> validationIndices() {
        List<Long> chosen = new ArrayList<>(shuffled().subList(0, heldOut));
        Collections.sort(chosen);
        return chosen;
    }

    /** The indices of the images to train on: all the others, in increasing order. */
    public List<Long> trainingIndices() {
        List<Long> rest = new ArrayList<>(shuffled().subList(heldOut, images));
        Collections.sort(rest);
        return rest;
    }

    private List<Long> shuffled() {
        List<Long> all = new ArrayList<>(images);
        for (long i = 0; i < images; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(SEED));
        return all;
    }
}
