package dev.digits.train.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.train.augment.TouchingPairs;
import org.junit.jupiter.api.Test;

/** The train accuracy of runs with touching pairs: DJL's over digits alone; a pair is not read wrong. */
class DigitAccuracyTest {

    /** Read as 8, 1, 2 and 5. */
    private static final float[][] LOGITS = {
        {2f, -1f, 0.5f, 0f, 0f, 1f, -2f, 0f, 3f, 0.2f},
        {-1f, 4f, 0f, 0f, 0.3f, 0f, 0f, 1f, 0f, -0.5f},
        {0f, 0f, 5f, 0f, 0f, 1f, 0f, 0f, 0f, 0f},
        {0f, 0f, 0f, 0f, 0f, 2f, 0f, 0f, 0f, 0f},
    };

    private static float accuracy(Evaluator evaluator, float[] labels) {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            String key = "train";
            evaluator.addAccumulator(key);
            evaluator.updateAccumulator(key, new NDList(manager.create(labels)), new NDList(manager.create(LOGITS)));
            return evaluator.getAccumulator(key);
        }
    }

    @Test
    void digitsAloneCountAsDjlsAccuracyCountsThem() {
        float[] labels = {8f, 1f, 3f, 5f};
        assertThat(accuracy(new DigitAccuracy(), labels)).isEqualTo(accuracy(new Accuracy(), labels)).isEqualTo(0.75f);
    }

    @Test
    void aPairIsLeftOutNotReadWrong() {
        float[] labels = {8f, TouchingPairs.TWO_DIGITS, 3f, 5f};
        assertThat(accuracy(new Accuracy(), labels)).isEqualTo(0.5f);
        assertThat(accuracy(new DigitAccuracy(), labels)).isEqualTo(2f / 3);
    }
}
