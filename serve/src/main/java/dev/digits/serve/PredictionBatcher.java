package dev.digits.serve;

import dev.digits.model.inference.Prediction;
import dev.digits.model.inference.PredictionInterruptedException;
import dev.digits.model.inference.RecognizerBusyException;
import dev.digits.model.inference.RecognizerClosedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching: requests that arrive together share one forward pass, run by a worker thread
 * (the server has one per predictor). While passes run, new requests queue up, and the next free
 * worker takes all of them, up to the largest batch; one worker gathers at a time. Before a pass
 * the worker waits, at most the configured time, only for requests whose bodies have arrived and
 * are still being decoded ({@link #expect()}): a request alone is answered at once, and under
 * load batches fill without a fixed delay.
 *
 * <p>The queue is bounded: a request whose images would not fit is refused at once with
 * {@link Unavailable} (busy), never queued in part. A request that stops waiting cancels its
 * futures, and a worker drops cancelled images instead of computing them. Every queued image's
 * future is completed, whatever a pass throws or when the batcher closes.
 */
final class PredictionBatcher implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PredictionBatcher.class);

    private record Job(float[] pixels, CompletableFuture<Prediction> result, long queuedAt) {}

    /** What a worker reports of each pass it runs: for metrics. */
    interface Listener {
        /**
         * @param images the images of the pass
         * @param waitedNanos how long each of them waited in the queue
         */
        void passStarting(int images, long[] waitedNanos);

        Listener NONE = (images, waitedNanos) -> { };
    }

    private final Function<List<float[]>, List<Prediction>> forward;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final int maxQueued;
    private final Listener listener;
    private final List<Thread> workers = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a job is queued, an arrival ends, or the batcher stops. */
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private int arriving;
    /** Whether a worker is gathering a batch; the others wait, so that batches do not split. */
    private boolean gathering;
    private boolean running = true;

    /**
     * @param forward one forward pass: a prediction for each image, in order (for example
     *     {@code DigitRecognizer::predictPixels})
     * @param workers how many forward passes may run at once
     */
    PredictionBatcher(Function<List<float[]>, List<Prediction>> forward, int maxBatch, int maxWaitMillis,
            int workers) {
        this(forward, maxBatch, maxWaitMillis, workers, Integer.MAX_VALUE, Listener.NONE);
    }

    /**
     * @param maxQueued the most images waiting for a pass; more are refused as busy
     * @param listener told of each pass
     */
    PredictionBatcher(Function<List<float[]>, List<Prediction>> forward, int maxBatch, int maxWaitMillis,
            int workers, int maxQueued, Listener listener) {
        this.forward = forward;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.maxQueued = maxQueued;
        this.listener = listener;
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::work, "digits-batcher-" + (i + 1));
            worker.setDaemon(true);
            this.workers.add(worker);
            worker.start();
        }
    }

    /**
     * Announces a request that will submit images once they are decoded, so that the batch being
     * formed may wait for them. Close the arrival when the request is done with it, submitted or not.
     */
    Arrival expect() {
        lock.lock();
        try {
            arriving++;
        } finally {
            lock.unlock();
        }
        return new Arrival();
    }

    /** A request on its way to the batcher. */
    final class Arrival implements AutoCloseable {
        private boolean open = true;

        /**
         * Queues MNIST-style pixels for the next batches; one future per image, in order.
         *
         * @throws Unavailable (busy) if the queue has no room for all of them: none is queued
         */
        List<CompletableFuture<Prediction>> submit(List<float[]> images) {
            List<CompletableFuture<Prediction>> results = new ArrayList<>(images.size());
            lock.lock();
            try {
                close();
                if (running && queue.size() + (long) images.size() > maxQueued) {
                    throw full(images.size());
                }
                long now = System.nanoTime();
                for (float[] pixels : images) {
                    CompletableFuture<Prediction> result = new CompletableFuture<>();
                    if (running) {
                        queue.add(new Job(pixels, result, now));
                    } else {
                        result.completeExceptionally(Unavailable.stopping());
                    }
                    results.add(result);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return results;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (open) {
                    open = false;
                    arriving--;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void work() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (true) {
            boolean gatherer = false;
            lock.lock();
            try {
                while (queue.isEmpty() || gathering) {
                    if (!running && queue.isEmpty()) {
                        return;
                    }
                    changed.await();
                }
                gathering = true;
                gatherer = true;
                long deadline = System.nanoTime() + maxWaitNanos;
                while (queue.size() < maxBatch && arriving > 0 && running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    changed.awaitNanos(left);
                }
                while (batch.size() < maxBatch && !queue.isEmpty()) {
                    Job job = queue.poll();
                    // Cancelled: its request stopped waiting, and no one will read the answer.
                    if (!job.result().isDone()) {
                        batch.add(job);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (gatherer) {
                    gathering = false;
                    changed.signalAll();
                }
                lock.unlock();
            }
            if (!batch.isEmpty()) {
                run(batch);
                batch.clear();
            }
        }
    }

    /**
     * Runs one pass and completes its requests, whatever the pass throws: an {@link Error} from
     * the native layer too, so that no request waits for an answer that will not come and the
     * worker lives on for the next pass.
     */
    private void run(List<Job> batch) {
        try {
            List<float[]> pixels = new ArrayList<>(batch.size());
            long[] waited = new long[batch.size()];
            long now = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                pixels.add(batch.get(i).pixels());
                waited[i] = now - batch.get(i).queuedAt();
            }
            listener.passStarting(batch.size(), waited);
            List<Prediction> predictions = forward.apply(pixels);
            if (predictions.size() != batch.size()) {
                throw new IllegalStateException(predictions.size() + " answers for " + batch.size() + " images");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(predictions.get(i));
            }
        } catch (RecognizerClosedException | PredictionInterruptedException stopping) {
            batch.forEach(job -> job.result().completeExceptionally(Unavailable.stopping()));
        } catch (RecognizerBusyException busy) {
            batch.forEach(job -> job.result().completeExceptionally(Unavailable.busy(busy.getMessage())));
        } catch (Throwable e) {
            String id = ServerFailure.newId();
            logger.error("A forward pass of {} images failed (id {})", batch.size(), id, e);
            ServerFailure failure = new ServerFailure(id, e);
            batch.forEach(job -> job.result().completeExceptionally(failure));
        }
    }

    /**
     * Refuses now a request whose images the queue has no room for, before it is decoded: under
     * overload a refusal must cost little. {@link Arrival#submit} checks again.
     *
     * @throws Unavailable (busy) if they would not fit
     */
    void checkRoom(int images) {
        lock.lock();
        try {
            if (running && queue.size() + (long) images > maxQueued) {
                throw full(images);
            }
        } finally {
            lock.unlock();
        }
    }

    private Unavailable full(int images) {
        return Unavailable.busy("the queue holds " + queue.size() + " images, room for " + maxQueued
                + "; this request has " + images);
    }

    /** How many images wait for a pass now. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Finishes the queued requests, then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            for (Thread worker : workers) {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
