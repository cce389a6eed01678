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
 * @param validationSet the images validated on: {@value #TEST_SET} (MNIST's test images, as the
 *     reference does) or {@value #HELD_OUT} (training images held out of training); absent in
 *     histories written before it was recorded, which validated on the test set
 */
public record EpochRecord(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double seconds,
        double imagesPerSecond,
        String validationSet) {

    public static final String TEST_SET = "test";
    public static final String HELD_OUT = "held-out";
}
