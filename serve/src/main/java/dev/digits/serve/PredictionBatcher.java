package dev.digits.serve;

import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching: requests that arrive together share one forward pass. The first waiting
 * request starts a batch; others join until the batch is full or the wait is over. Under load
 * batches fill at once, so throughput rises with concurrency; alone, a request waits at most
 * the configured time.
 */
final class PredictionBatcher implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PredictionBatcher.class);

    private record Job(float[] pixels, CompletableFuture<Prediction> result) {}

    private final DigitRecognizer recognizer;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;

    PredictionBatcher(DigitRecognizer recognizer, int maxBatch, int maxWaitMillis) {
        this.recognizer = recognizer;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.worker = new Thread(this::work, "digits-batcher");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues MNIST-style pixels for the next batch. */
    CompletableFuture<Prediction> submit(float[] pixels) {
        CompletableFuture<Prediction> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException("the server is stopping"));
            return result;
        }
        queue.add(new Job(pixels, result));
        return result;
    }

    private void work() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Job> batch) {
        try {
            List<float[]> pixels = new ArrayList<>(batch.size());
            batch.forEach(job -> pixels.add(job.pixels()));
            List<Prediction> predictions = recognizer.predictPixels(pixels);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(predictions.get(i));
            }
        } catch (RuntimeException e) {
            logger.error("A batch of {} failed", batch.size(), e);
            batch.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    /** Finishes the queued requests, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
