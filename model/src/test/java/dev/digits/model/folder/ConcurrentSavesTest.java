package dev.digits.model.folder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import dev.digits.engine.EngineRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two saves into one folder at once: one waits for the other, and the folder holds one whole model. */
class ConcurrentSavesTest {

    private static final EngineRuntime runtime = TestModelFolders.pytorchOnCpu();

    @TempDir
    Path dir;

    @AfterEach
    void noMorePauses() {
        ModelFolder.saveStep = step -> { };
    }

    @Test
    void aSecondCommitWaitsForTheFirstAndTheFolderHoldsOneWholeModel() throws Exception {
        ModelFolder folder = new ModelFolder(dir);
        try (Model first = TestModelFolders.untrainedModel(runtime);
                Model second = TestModelFolders.untrainedModel(runtime)) {
            ModelFolder.SavedParameters a = folder.saveParameters(first, 2);
            ModelFolder.SavedParameters b = folder.saveParameters(second, 2);
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            // The first commit stops halfway, after writing its history.
            ModelFolder.saveStep = step -> {
                if (step.equals("history") && Thread.currentThread().getName().equals("first")) {
                    paused.countDown();
                    try {
                        resume.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            AtomicReference<Throwable> firstFailure = new AtomicReference<>();
            AtomicReference<Throwable> secondFailure = new AtomicReference<>();
            Thread one = new Thread(() -> commit(folder, a, first, firstFailure), "first");
            one.start();
            assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
            Thread two = new Thread(() -> commit(folder, b, second, secondFailure), "second");
            two.start();
            // The second waits for the lock while the first is halfway through.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (two.getState() != Thread.State.WAITING && two.isAlive()) {
                assertThat(System.nanoTime()).as("the second commit waiting").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(two.isAlive()).as("the second commit waits for the first").isTrue();
            resume.countDown();
            one.join(30_000);
            two.join(30_000);
            assertThat(firstFailure.get()).isNull();
            // The first commit removed the second's weights as another model's: the second says so.
            assertThat(secondFailure.get()).isInstanceOf(IOException.class)
                    .hasMessageContaining("another save into");
        }
        ServingProperties serving = folder.readServingProperties();
        assertThat(dir.resolve(serving.paramsFile())).isRegularFile();
        folder.verifyParameters(serving);
        try (ZooModel<NDList, NDList> loaded = TestModelFolders.loadWithCriteria(dir, runtime)) {
            assertThat(loaded.getProperty("paramsSha256")).isEqualTo(folder.readMetadata().paramsSha256());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".params"))).hasSize(1);
        }
    }

    private static void commit(ModelFolder folder, ModelFolder.SavedParameters saved, Model model,
            AtomicReference<Throwable> failure) {
        try {
            TestModelFolders.commit(folder, saved, runtime, model);
        } catch (IOException | RuntimeException e) {
            failure.set(e);
        }
    }
}
