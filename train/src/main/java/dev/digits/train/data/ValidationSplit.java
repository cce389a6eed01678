package dev.digits.train.data;

import dev.digits.model.folder.EnsembleMember;
import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelMetadata;
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

    /**
     * The split a model folder's training held out: for an ensemble, the one all its members held
     * out, so that none of them trained on the images it is judged on.
     *
     * @throws IllegalArgumentException if no training images were held out, naming why
     */
    public static ValidationSplit heldOutBy(ModelMetadata metadata) {
        if (metadata.members().isEmpty()) {
            return of(metadata.hyperparameters(), "the model");
        }
        ValidationSplit first = null;
        for (EnsembleMember member : metadata.members()) {
            ValidationSplit split = of(member.hyperparameters(), "its member " + member.folder());
            if (first != null && !split.equals(first)) {
                throw new IllegalArgumentException("the ensemble's members held out different training images ("
                        + first.describe() + "; " + split.describe() + " in " + member.folder() + "): each member"
                        + " trained on images another one held out, so no held-out figure can be given");
            }
            first = split;
        }
        return first;
    }

    private static ValidationSplit of(Hyperparameters recipe, String which) {
        if (recipe == null || recipe.validationImages() == 0) {
            throw new IllegalArgumentException(which + " held no training images out: it validated on the test"
                    + " images, as the seed recipe does (train with --validation-images N to hold images out)");
        }
        return new ValidationSplit(recipe.trainImages() + recipe.validationImages(), recipe.validationImages());
    }

    /** The split in words, as a log line or an error names it. */
    public String describe() {
        return heldOut + " of the first " + images + " training images held out";
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
