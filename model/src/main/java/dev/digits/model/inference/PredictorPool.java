package dev.digits.model.inference;

import ai.djl.inference.Predictor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * DJL predictors lent to one call at a time. Closing waits for the calls in flight to give their
 * predictors back before it frees them, and wakes the calls still waiting with a "closed" error:
 * no call ever runs on freed native memory.
 */
final class PredictorPool<I, O> implements AutoCloseable {

    /** A call that runs on a borrowed predictor. */
    interface Call<I, O, R> {
        R run(Predictor<I, O> predictor) throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final Deque<Predictor<I, O>> free = new ArrayDeque<>();
    private final List<Predictor<I, O>> all = new ArrayList<>();
    private final Duration maxWait;
    private int lent;
    private boolean closed;

    PredictorPool(Supplier<Predictor<I, O>> factory, int size, Duration maxWait) {
        this.maxWait = maxWait;
        for (int i = 0; i < size; i++) {
            Predictor<I, O> predictor = factory.get();
            all.add(predictor);
            free.add(predictor);
        }
    }

    int size() {
        return all.size();
    }

    /**
     * Runs a call on a predictor, waiting at most the pool's wait for one.
     *
     * @throws RecognizerClosedException if the pool is closed before a predictor is free
     * @throws RecognizerBusyException if none came free in time
     * @throws PredictionInterruptedException if the thread is interrupted while it waits
     */
    <R> R run(Call<I, O, R> call) throws Exception {
        Predictor<I, O> predictor = borrow();
        try {
            return call.run(predictor);
        } finally {
            giveBack(predictor);
        }
    }

    private Predictor<I, O> borrow() {
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            while (!closed && free.isEmpty()) {
                if (nanos <= 0) {
                    throw new RecognizerBusyException("all " + all.size() + " predictors stayed busy for "
                            + maxWait.toMillis() + " ms");
                }
                nanos = changed.awaitNanos(nanos);
            }
            if (closed) {
                throw new RecognizerClosedException("the recognizer is closed");
            }
            lent++;
            return free.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PredictionInterruptedException("interrupted while waiting for a predictor", e);
        } finally {
            lock.unlock();
        }
    }

    private void giveBack(Predictor<I, O> predictor) {
        lock.lock();
        try {
            free.push(predictor);
            lent--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops lending, waits for the calls in flight (a forward pass is short) and frees the
     * predictors. Calls that arrive or wait meanwhile get {@link RecognizerClosedException}.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            boolean interrupted = false;
            while (lent > 0) {
                try {
                    changed.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            lock.unlock();
        }
        for (Predictor<I, O> predictor : all) {
            predictor.close();
        }
    }
}
