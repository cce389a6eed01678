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
    private Prepared next;
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

    /**
     * Takes the next batch and starts distorting its pixels. Only plain Java runs on the other
     * thread: a native call from it would start an OpenMP team of its own, whose threads spin while
     * they wait and take the cores from training's.
     */
    private Prepared prepareNext() {
        if (taken == batches) {
            return null;
        }
        Batch batch = source.next();
        float[] pixels = batch.getData().singletonOrThrow().toFloatArray();
        // Touching pairs relabel images: their labels go along, and come back with the pixels.
        float[] labels = augmentation.pairs() > 0 ? batch.getLabels().singletonOrThrow().toFloatArray() : null;
        Random random = new Random((seed * 1_000_003L + epoch) * 1_000_003L + taken++);
        return new Prepared(batch, labels, ahead.submit(() -> augmentation.applyToBatch(pixels, labels, random)));
    }

    /** A batch whose distorted pixels (and, with pairs, labels) are on their way. */
    private record Prepared(Batch batch, float[] labels, Future<float[]> pixels) {

        /** The batch with its images replaced by the distorted ones, on the calling (training) thread. */
        Batch distorted() {
            NDArray images = batch.getData().singletonOrThrow();
            float[] distorted = await(pixels);
            batch.getData().set(0, batch.getManager().create(distorted, images.getShape()));
            images.close();
            if (labels != null) {
                NDArray original = batch.getLabels().singletonOrThrow();
                batch.getLabels().set(0, batch.getManager().create(labels, original.getShape()));
                original.close();
            }
            return batch;
        }
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
        Batch batch = next.distorted();
        next = prepareNext();
        return batch;
    }

    @Override
    public void close() {
        if (next != null) {
            // Waited for, so that no distortion runs on once the batch is freed.
            await(next.pixels());
            next.batch().close();
            next = null;
        }
    }

    private static float[] await(Future<float[]> pixels) {
        try {
            return pixels.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being distorted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("distorting a batch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
