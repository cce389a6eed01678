package dev.digits.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.zoo.DigitTranslatorFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding a recognizer: closing while others predict, a bounded wait, and loading without side effects. */
class RecognizerLifecycleTest {

    @TempDir
    static Path dir;

    private static EngineRuntime runtime;

    @BeforeAll
    static void saveAModel() throws Exception {
        runtime = TestModelFolders.pytorchOnCpu();
        try (Model model = TestModelFolders.untrainedModel(runtime)) {
            TestModelFolders.save(new ModelFolder(dir), model, runtime);
        }
    }

    private static float[] pixels(long seed) {
        return TestModelFolders.randomPixels(seed);
    }

    @Test
    void closingDuringPredictionsFromThirtyTwoThreadsLetsCallsFinishOrFailAsClosed() throws Exception {
        DigitRecognizer recognizer = DigitRecognizer.load(dir, runtime);
        int threads = 32;
        CountDownLatch everyThreadPredicted = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> answered = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final long seed = t;
            answered.add(pool.submit(() -> {
                int count = 0;
                while (true) {
                    try {
                        Prediction prediction = recognizer.predict(pixels(seed + count));
                        assertThat(prediction.probabilities()).hasSize(10);
                    } catch (RecognizerClosedException closed) {
                        return count;
                    }
                    if (++count == 1) {
                        everyThreadPredicted.countDown();
                    }
                }
            }));
        }
        assertThat(everyThreadPredicted.await(5, TimeUnit.MINUTES)).isTrue();
        recognizer.close();
        pool.shutdown();
        // A hang would be the failure here; the bound is far above any machine's need.
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        for (Future<Integer> result : answered) {
            assertThat(result.get()).isPositive();
        }
        assertThatThrownBy(() -> recognizer.predict(pixels(1))).isInstanceOf(RecognizerClosedException.class);
        recognizer.close();
    }

    @Test
    void aBorrowWaitsBoundedlyAndCloseWaitsForTheCallInFlight() throws Exception {
        try (ZooModel<float[], Classifications> model = Criteria.builder()
                .setTypes(float[].class, Classifications.class)
                .optModelPath(dir)
                .optTranslatorFactory(new DigitTranslatorFactory())
                .build()
                .loadModel()) {
            PredictorPool<float[], Classifications> pool = new PredictorPool<>(model::newPredictor, 1,
                    Duration.ofMillis(200));
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Classifications> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.run((Predictor<float[], Classifications> predictor) -> {
                        holding.countDown();
                        release.await();
                        // The pool is closing by now: this predictor must still work.
                        return predictor.predict(pixels(3));
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(holding.await(1, TimeUnit.MINUTES)).isTrue();
            assertThatThrownBy(() -> pool.run(predictor -> predictor.predict(pixels(4))))
                    .isInstanceOf(RecognizerBusyException.class)
                    .hasMessageContaining("all 1 predictors stayed busy for 200 ms");

            CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
            // Once closing has begun, new calls are refused as closed, not busy.
            while (true) {
                try {
                    pool.run(predictor -> predictor.predict(pixels(5)));
                } catch (RecognizerClosedException closed) {
                    break;
                } catch (RecognizerBusyException busy) {
                    continue;
                }
            }
            assertThat(closing).isNotDone();
            release.countDown();
            assertThat(inFlight.get(1, TimeUnit.MINUTES).getClassNames()).hasSize(10);
            closing.get(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void loadingWithoutARuntimeSetsNoSystemProperty() {
        Properties before = (Properties) System.getProperties().clone();
        try (DigitRecognizer recognizer = DigitRecognizer.load(dir)) {
            assertThat(recognizer.predict(pixels(6)).probabilities()).hasSize(10);
            assertThat(recognizer.engineName())
                    .isEqualTo(dev.digits.engine.EngineSelection.fromEnvironment().engine().djlName());
        }
        assertThat(System.getProperties()).isEqualTo(before);
    }
}
