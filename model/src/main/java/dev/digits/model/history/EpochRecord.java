package dev.digits.model.history;

/**
 * What one training epoch measured.
 *
 * @param epoch the epoch, counting from 1
 * @param trainLoss mean training loss over the epoch's batches
 * @param trainAccuracy training accuracy over the epoch (with dropout on)
 * @param validationLoss loss on the validation images after the epoch
 * @param validationAccuracy accuracy on the validation images after the epoch
 * @param seconds wall time of the epoch, training and validation
 * @param imagesPerSecond training images per second of training time
 * @param validationSet the images validated on; absent in histories written before it was
 *     recorded, which validated on the test set, and read as {@link ValidationSet#TEST}
 */
public record EpochRecord(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double seconds,
        double imagesPerSecond,
        ValidationSet validationSet) {

    public EpochRecord {
        validationSet = validationSet == null ? ValidationSet.TEST : validationSet;
    }
}
