package dev.digits.train.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.train.augment.TouchingPairs;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The loss of runs with touching pairs: DJL's for digits, the cross-entropy to all ten alike for a pair. */
class DigitOrPairLossTest {

    private static final float[][] LOGITS = {
        {2f, -1f, 0.5f, 0f, 0f, 1f, -2f, 0f, 3f, 0.2f},
        {-1f, 4f, 0f, 0f, 0.3f, 0f, 0f, 1f, 0f, -0.5f},
    };

    private static float loss(Loss loss, float[] labels) {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            NDArray logits = manager.create(LOGITS);
            return loss.evaluate(new NDList(manager.create(labels)), new NDList(logits)).getFloat();
        }
    }

    @Test
    void digitsCostWhatDjlsSoftmaxCrossEntropyCosts() {
        float[] digits = {8f, 1f};
        assertThat(loss(new DigitOrPairLoss(), digits))
                .isCloseTo(loss(Loss.softmaxCrossEntropyLoss(), digits), Offset.offset(1e-6f));
    }

    /** The log-probabilities of a row of logits, by hand. */
    private static double[] logProbabilities(float[] logits) {
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit);
        }
        double[] out = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            out[k] = logits[k] - Math.log(sum);
        }
        return out;
    }

    @Test
    void aPairCostsItsCrossEntropyToAllTenDigitsAlike() {
        double pair = 0;
        for (double logProbability : logProbabilities(LOGITS[0])) {
            pair -= logProbability / 10;
        }
        double one = -logProbabilities(LOGITS[1])[1];
        float[] labels = {TouchingPairs.TWO_DIGITS, 1f};
        assertThat((double) loss(new DigitOrPairLoss(), labels)).isCloseTo((pair + one) / 2, Offset.offset(1e-5));
    }
}
