package dev.digits.train.tune;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One finished trial of a search: the options it drew and how its model did on the held-out
 * training images after its last epoch.
 *
 * @param trial its number, from 1
 * @param learningRate Adam's base learning rate
 * @param batchSize images per batch
 * @param augment the distortion, as {@code train --augment} reads it
 * @param validationAccuracy accuracy on the held-out images after the last epoch
 * @param validationLoss loss there
 * @param seconds the trial's wall time
 */
@JsonPropertyOrder({"trial", "learningRate", "batchSize", "augment", "validationAccuracy", "validationLoss", "seconds"})
public record Trial(int trial, double learningRate, int batchSize, String augment, double validationAccuracy,
        double validationLoss, double seconds) {

    /** The learning rate as a plain decimal (0.0008, not 8.0E-4). */
    public String learningRateText() {
        return java.math.BigDecimal.valueOf(learningRate).toPlainString();
    }

    /** The options to give {@code digits train} (beside the search's recipe) to train with this trial's choices. */
    public String trainOptions() {
        return "--learning-rate " + learningRate + " --batch-size " + batchSize + " --augment " + augment;
    }
}
