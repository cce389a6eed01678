package dev.digits.train.training;

import ai.djl.ndarray.NDArray;
import ai.djl.training.dataset.Batch;
import dev.digits.train.augment.Augmentation;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An epoch's batches with their images distorted, each prepared on another thread while the one
 * before it trains. Each batch draws from its own generator, seeded by the run's seed, the epoch
 * and the batch's place in it: the same seed gives the same batches, whatever the threads do, and
 * a resumed run the same as an uninterrupted one. Close it to free a batch prepared but not taken.
 *
 * <p>It counts the batches rather than asking DJL's iterator whether more follow: asked after
 * the last batch is taken, that iterator closes the arrays of the batch still training.
 */
final class DistortedBatches implements Iterator<Batch>, AutoCloseable {

    private final Iterator<Batch> source;
    private final long batches;
    private final Augmentation augmentation;
    private final long seed;
    private final int epoch;
    private final ExecutorService ahead;
    private Future<Batch> next;
    private long taken;

    DistortedBatches(Iterable<Batch> source, long batches, Augmentation augmentation, long seed, int epoch,
            ExecutorService ahead) {
        this.source = source.iterator();
        this.batches = batches;
        this.augmentation = augmentation;
        this.seed = seed;
        this.epoch = epoch;
        this.ahead = ahead;
        this.next = prepareNext();
    }

    private Future<Batch> prepareNext() {
        if (taken == batches) {
            return null;
        }
        Batch batch = source.next();
        Random random = new Random((seed * 1_000_003L + epoch) * 1_000_003L + taken++);
        return ahead.submit(() -> {
            NDArray images = batch.getData().singletonOrThrow();
            float[] distorted = augmentation.applyToBatch(images.toFloatArray(), random);
            batch.getData().set(0, batch.getManager().create(distorted, images.getShape()));
            images.close();
            return batch;
        });
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Batch next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        Batch batch = await(next);
        next = prepareNext();
        return batch;
    }

    @Override
    public void close() {
        if (next != null) {
            await(next).close();
            next = null;
        }
    }

    private static Batch await(Future<Batch> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being distorted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("distorting a batch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
