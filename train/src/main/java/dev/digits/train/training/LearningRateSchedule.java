package dev.digits.train.training;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import java.util.Locale;

/**
 * How the learning rate moves over a run, as DJL trackers: {@code constant} (the seed recipe's), or
 * {@code cosine}: from the base rate down to a hundredth of it along half a cosine, after
 * {@code warmUpEpochs} of linear rise from a tenth of it.
 *
 * @param cosine whether the rate follows a cosine
 * @param warmUpEpochs epochs of warm-up before the cosine (0 for none)
 */
public record LearningRateSchedule(boolean cosine, int warmUpEpochs) {

    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(false, 0);

    public LearningRateSchedule {
        if (warmUpEpochs < 0 || (!cosine && warmUpEpochs > 0)) {
            throw new IllegalArgumentException("warm-up epochs must be 0 or more, and only with the cosine schedule;"
                    + " got " + warmUpEpochs);
        }
    }

    /** Reads {@code constant}, {@code cosine} or {@code cosine,warmup=N}. */
    public static LearningRateSchedule parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("constant")) {
            return CONSTANT;
        }
        if (spec.equals("cosine")) {
            return new LearningRateSchedule(true, 0);
        }
        if (spec.startsWith("cosine,warmup=")) {
            try {
                return new LearningRateSchedule(true, Integer.parseInt(spec.substring("cosine,warmup=".length())));
            } catch (NumberFormatException e) {
                // Falls through to the message below.
            }
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + text + "': give constant, cosine, or"
                + " cosine,warmup=EPOCHS");
    }

    @Override
    public String toString() {
        return !cosine ? "constant" : warmUpEpochs == 0 ? "cosine" : "cosine,warmup=" + warmUpEpochs;
    }

    /** Checks that the warm-up leaves epochs for the cosine in a run of {@code epochs} epochs. */
    public void requireFits(int epochs) {
        if (warmUpEpochs >= epochs) {
            throw new IllegalArgumentException("the warm-up (" + warmUpEpochs + " epochs) must be shorter than the run ("
                    + epochs + " epochs)");
        }
    }

    /** The rate at each optimizer step of a run of {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    public Tracker tracker(double baseRate, int epochs, int stepsPerEpoch) {
        float base = (float) baseRate;
        if (!cosine) {
            return Tracker.fixed(base);
        }
        requireFits(epochs);
        Tracker decay = CosineTracker.builder().setBaseValue(base).optFinalValue(base / 100)
                .setMaxUpdates(Math.max(1, (epochs - warmUpEpochs) * stepsPerEpoch)).build();
        if (warmUpEpochs == 0) {
            return decay;
        }
        return WarmUpTracker.builder().setMainTracker(decay).optWarmUpBeginValue(base / 10)
                .optWarmUpSteps(warmUpEpochs * stepsPerEpoch).build();
    }
}
