package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.model.inference.Prediction;
import dev.digits.model.inference.PredictionFailedException;
import dev.digits.model.inference.RecognizerClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the batcher groups requests, with a stand-in for the network that records the size of each
 * forward pass and can hold the first one until the test lets it go.
 */
class PredictionBatcherTest {

    /** Far longer than any test waits: a batch that waited for it would fail the test. */
    private static final int LONG_WAIT_MS = 60_000;

    private final List<Integer> passes = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstPassStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstPass = new CountDownLatch(1);
    private PredictionBatcher batcher;

    /** Answers each image with the digit written in its first pixel (0.0 to 0.9). */
    private List<Prediction> forward(List<float[]> images) {
        passes.add(images.size());
        if (passes.size() == 1) {
            firstPassStarted.countDown();
            try {
                releaseFirstPass.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Prediction> out = new ArrayList<>();
        for (float[] image : images) {
            float[] p = new float[10];
            p[Math.round(image[0] * 10)] = 1f;
            out.add(Prediction.of(p));
        }
        return out;
    }

    private static float[] image(int digit) {
        float[] pixels = new float[784];
        pixels[0] = digit / 10f;
        return pixels;
    }

    private CompletableFuture<Prediction> submit(int digit) {
        try (PredictionBatcher.Arrival arrival = batcher.expect()) {
            return arrival.submit(List.of(image(digit))).get(0);
        }
    }

    /** Once the first pass is running and held, submits the digits from {@code from} to {@code to}. */
    private List<CompletableFuture<Prediction>> submitDuringFirstPass(int from, int to) throws InterruptedException {
        assertThat(firstPassStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Prediction>> queued = new ArrayList<>();
        for (int digit = from; digit <= to; digit++) {
            queued.add(submit(digit));
        }
        return queued;
    }

    /** Each answer is the digit submitted: {@code from}, {@code from + 1}, ... */
    private static void assertAnswers(List<CompletableFuture<Prediction>> answers, int from) throws Exception {
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS).digit()).isEqualTo(from + i);
        }
    }

    /** Waits until the thread waits with a timeout (close() joining the workers), at most ten seconds. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("waiting until %s blocks", thread.getName()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @AfterEach
    void close() {
        releaseFirstPass.countDown();
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void aLoneRequestIsAnsweredWithoutWaitingForOthers() throws Exception {
        releaseFirstPass.countDown();
        batcher = new PredictionBatcher(this::forward, 32, LONG_WAIT_MS, 1);
        assertThat(submit(7).get(10, TimeUnit.SECONDS).digit()).isEqualTo(7);
        assertThat(submit(3).get(10, TimeUnit.SECONDS).digit()).isEqualTo(3);
        assertThat(passes).containsExactly(1, 1);
    }

    @Test
    void requestsQueuedDuringAPassShareTheNextOne() throws Exception {
        batcher = new PredictionBatcher(this::forward, 32, LONG_WAIT_MS, 1);
        CompletableFuture<Prediction> first = submit(1);
        List<CompletableFuture<Prediction>> queued = submitDuringFirstPass(2, 6);
        releaseFirstPass.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).digit()).isEqualTo(1);
        assertAnswers(queued, 2);
        assertThat(passes).containsExactly(1, 5);
    }

    @Test
    void noPassIsLargerThanTheLargestBatch() throws Exception {
        batcher = new PredictionBatcher(this::forward, 4, LONG_WAIT_MS, 1);
        CompletableFuture<Prediction> first = submit(0);
        List<CompletableFuture<Prediction>> queued = submitDuringFirstPass(0, 8);
        releaseFirstPass.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertAnswers(queued, 0);
        assertThat(passes).containsExactly(1, 4, 4, 1);
    }

    @Test
    void aPassWaitsForARequestStillBeingDecoded() throws Exception {
        releaseFirstPass.countDown();
        batcher = new PredictionBatcher(this::forward, 32, LONG_WAIT_MS, 1);
        PredictionBatcher.Arrival decoding = batcher.expect();
        CompletableFuture<Prediction> ready = submit(4);
        // The pass holds on for the announced request instead of running alone.
        Thread.sleep(200);
        assertThat(passes).isEmpty();
        assertThat(ready).isNotDone();
        CompletableFuture<Prediction> late = decoding.submit(List.of(image(5))).get(0);
        assertThat(ready.get(10, TimeUnit.SECONDS).digit()).isEqualTo(4);
        assertThat(late.get(10, TimeUnit.SECONDS).digit()).isEqualTo(5);
        assertThat(passes).containsExactly(2);
    }

    @Test
    void theWaitForOthersEndsAtTheLongestWait() throws Exception {
        releaseFirstPass.countDown();
        batcher = new PredictionBatcher(this::forward, 32, 50, 1);
        PredictionBatcher.Arrival neverSubmitted = batcher.expect();
        assertThat(submit(8).get(10, TimeUnit.SECONDS).digit()).isEqualTo(8);
        neverSubmitted.close();
        assertThat(passes).containsExactly(1);
    }

    @Test
    void aRequestThatFailedToDecodeDoesNotHoldUpOthers() throws Exception {
        releaseFirstPass.countDown();
        batcher = new PredictionBatcher(this::forward, 32, LONG_WAIT_MS, 1);
        // Its images could not be read: the request ends without submitting.
        batcher.expect().close();
        // Answered in far less than the batcher's wait: the failed arrival was not waited for.
        assertThat(submit(2).get(10, TimeUnit.SECONDS).digit()).isEqualTo(2);
    }

    @Test
    void closingFinishesQueuedRequestsAndRefusesNewOnes() throws Exception {
        batcher = new PredictionBatcher(this::forward, 2, LONG_WAIT_MS, 1);
        CompletableFuture<Prediction> first = submit(1);
        List<CompletableFuture<Prediction>> queued = submitDuringFirstPass(2, 4);
        Thread closing = new Thread(batcher::close);
        closing.start();
        // close() has stopped new requests and waits for the workers while the first pass is held.
        awaitWaiting(closing);
        assertThat(closing.isAlive()).isTrue();
        releaseFirstPass.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(closing.isAlive()).as("close() returned once the queue was done").isFalse();
        assertThat(first.get(10, TimeUnit.SECONDS).digit()).isEqualTo(1);
        assertAnswers(queued, 2);
        assertThatThrownBy(() -> submit(5).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("the server is stopping");
    }

    @Test
    void withTwoWorkersASecondPassRunsWhileTheFirstIsBusy() throws Exception {
        batcher = new PredictionBatcher(this::forward, 32, LONG_WAIT_MS, 2);
        CompletableFuture<Prediction> first = submit(1);
        assertThat(firstPassStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(submit(2).get(10, TimeUnit.SECONDS).digit()).isEqualTo(2);
        assertThat(first).isNotDone();
        releaseFirstPass.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).digit()).isEqualTo(1);
        assertThat(passes).containsExactly(1, 1);
    }

    @Test
    void withTwoWorkersClosingStillFinishesEveryQueuedRequest() throws Exception {
        batcher = new PredictionBatcher(this::forward, 2, LONG_WAIT_MS, 2);
        CompletableFuture<Prediction> first = submit(1);
        List<CompletableFuture<Prediction>> queued = submitDuringFirstPass(2, 9);
        Thread closing = new Thread(batcher::close);
        closing.start();
        awaitWaiting(closing);
        releaseFirstPass.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(closing.isAlive()).as("close() returned once the queue was done").isFalse();
        assertThat(first.get(10, TimeUnit.SECONDS).digit()).isEqualTo(1);
        assertAnswers(queued, 2);
        assertThat(passes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(9);
        assertThat(passes).allSatisfy(size -> assertThat(size).isBetween(1, 2));
    }

    @Test
    void imagesOfARequestThatStoppedWaitingAreNotComputed() throws Exception {
        batcher = new PredictionBatcher(this::forward, 32, LONG_WAIT_MS, 1);
        CompletableFuture<Prediction> first = submit(1);
        List<CompletableFuture<Prediction>> queued = submitDuringFirstPass(2, 4);
        // The requests of 2 and 3 gave up waiting.
        queued.get(0).cancel(false);
        queued.get(1).cancel(false);
        releaseFirstPass.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).digit()).isEqualTo(1);
        assertThat(queued.get(2).get(10, TimeUnit.SECONDS).digit()).isEqualTo(4);
        assertThat(passes).containsExactly(1, 1);
    }

    @Test
    void aRequestThatWouldOverfillTheQueueIsRefusedWholeAndAtOnce() throws Exception {
        batcher = new PredictionBatcher(this::forward, 32, LONG_WAIT_MS, 1, 3, PredictionBatcher.Listener.NONE);
        CompletableFuture<Prediction> first = submit(1);
        assertThat(firstPassStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Prediction>> two;
        try (PredictionBatcher.Arrival arrival = batcher.expect()) {
            two = arrival.submit(List.of(image(2), image(3)));
        }
        try (PredictionBatcher.Arrival arrival = batcher.expect()) {
            assertThatThrownBy(() -> arrival.submit(List.of(image(4), image(5))))
                    .isInstanceOfSatisfying(Unavailable.class, e -> assertThat(e.reason).isEqualTo(Unavailable.Reason.BUSY))
                    .hasMessageContaining("room for 3");
        }
        assertThat(batcher.queued()).isEqualTo(2);
        // One more still fits; the refused request left nothing behind.
        CompletableFuture<Prediction> fits = submit(6);
        releaseFirstPass.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).digit()).isEqualTo(1);
        assertAnswers(two, 2);
        assertThat(fits.get(10, TimeUnit.SECONDS).digit()).isEqualTo(6);
        assertThat(passes).containsExactly(1, 3);
    }

    /** A batcher whose pass throws what {@code failure} gives for an image of digit 9. */
    private void failOnNine(java.util.function.Supplier<Throwable> failure) {
        releaseFirstPass.countDown();
        batcher = new PredictionBatcher(images -> {
            if (images.get(0)[0] > 0.85f) {
                Throwable thrown = failure.get();
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            }
            return forward(images);
        }, 32, LONG_WAIT_MS, 1);
    }

    @Test
    void anEngineExceptionFailsItsRequestsAsAServerFailureAndTheNextPassRuns() throws Exception {
        failOnNine(() -> new PredictionFailedException("the engine failed", new IllegalStateException("native")));
        assertThatThrownBy(() -> submit(9).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServerFailure.class)
                .satisfies(e -> assertThat(((ServerFailure) e).id).isNotBlank())
                .cause().hasMessage("the engine failed");
        assertThat(submit(6).get(10, TimeUnit.SECONDS).digit()).isEqualTo(6);
    }

    @Test
    void anErrorFromTheNativeLayerFailsItsRequestsAtOnceAndTheWorkerLivesOn() throws Exception {
        failOnNine(() -> new UnsatisfiedLinkError("libtorch_cpu.so: undefined symbol"));
        // The only worker threw an Error: its request fails now, not after the 30 s answer timeout.
        assertThatThrownBy(() -> submit(9).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServerFailure.class)
                .cause().isInstanceOf(UnsatisfiedLinkError.class);
        assertThat(submit(6).get(10, TimeUnit.SECONDS).digit()).isEqualTo(6);
        assertThatThrownBy(() -> submit(9).get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ServerFailure.class);
        assertThat(submit(3).get(10, TimeUnit.SECONDS).digit()).isEqualTo(3);
    }

    @Test
    void aClosedRecognizerMeansTheServerIsStopping() throws Exception {
        failOnNine(() -> new RecognizerClosedException("the recognizer is closed"));
        assertThatThrownBy(() -> submit(9).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(((Unavailable) e).reason).isEqualTo(Unavailable.Reason.STOPPING));
        assertThat(submit(6).get(10, TimeUnit.SECONDS).digit()).isEqualTo(6);
    }
}
