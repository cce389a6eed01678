package dev.digits.train.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import dev.digits.model.nn.DigitNetwork;
import dev.digits.train.augment.TouchingPairs;

/**
 * Softmax cross-entropy against each image's digit, or, for an image of two touching digits
 * (labelled {@link TouchingPairs#TWO_DIGITS}), against all ten digits alike: the network learns to
 * be unsure of a pair. For digits alone it is DJL's softmax cross-entropy; the recipes without
 * pairs keep DJL's own, so that their runs train the weights they always did.
 */
final class DigitOrPairLoss extends Loss {

    DigitOrPairLoss() {
        super("SoftmaxCrossEntropyLoss");
    }

    /** The intermediate arrays stay with the batch's, as in DJL's losses: backward passes need them. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        int classes = DigitNetwork.CLASSES;
        NDArray label = labels.singletonOrThrow().reshape(-1);
        NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(-1);
        NDArray digit = label.toType(DataType.INT32, false).oneHot(classes + 1).get(":, :" + classes);
        NDArray pair = label.eq(TouchingPairs.TWO_DIGITS).toType(DataType.FLOAT32, false).reshape(-1, 1);
        NDArray target = digit.add(pair.mul(1f / classes));
        return target.mul(logProbabilities).sum(new int[] {-1}).neg().mean();
    }
}
