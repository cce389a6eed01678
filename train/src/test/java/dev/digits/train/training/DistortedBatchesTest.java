package dev.digits.train.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.augment.TouchingPairs;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The batches training takes: distorted on another thread, and relabelled where an image became a pair. */
class DistortedBatchesTest {

    @Test
    void imagesMadePairsReachTrainingWithTheirNewLabels() {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        int count = 32;
        float[] images = new float[count * 784];
        float[] labels = new float[count];
        for (int i = 0; i < count; i++) {
            for (int y = 6; y < 22; y++) {
                images[i * 784 + y * 28 + 10] = 1f;
                images[i * 784 + y * 28 + 17] = 1f;
            }
            labels[i] = i % 10;
        }
        ExecutorService ahead = Executors.newSingleThreadExecutor();
        try (NDManager manager = runtime.engine().newBaseManager()) {
            Batch source = new Batch(manager, new NDList(manager.create(images, new Shape(count, 1, 28, 28))),
                    new NDList(manager.create(labels)), count, Batchifier.STACK, Batchifier.STACK, 0, 1);
            try (DistortedBatches batches = new DistortedBatches(List.of(source), 1,
                    new Augmentation(0, 0, 0, 0, 0, 0.5), 42, 1, ahead);
                    Batch batch = batches.next()) {
                float[] trained = batch.getLabels().singletonOrThrow().toFloatArray();
                int pairs = 0;
                for (int i = 0; i < count; i++) {
                    if (trained[i] == TouchingPairs.TWO_DIGITS) {
                        pairs++;
                    } else {
                        assertThat(trained[i]).isEqualTo(labels[i]);
                    }
                }
                // A chance of 0.5 on 32 images.
                assertThat(pairs).isBetween(6, 26);
                assertThat(batches.hasNext()).isFalse();
            }
        } finally {
            ahead.shutdownNow();
        }
    }
}
