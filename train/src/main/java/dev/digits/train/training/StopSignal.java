package dev.digits.train.training;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and Ctrl-C into a request the training loop answers between batches. The JVM's
 * shutdown waits until the loop has left native code and closed the engine's arrays: a signal
 * taken in the middle of a native call once crashed the JVM inside libtorch.
 */
final class StopSignal implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(StopSignal.class);
    private static final long WAIT_SECONDS = 120;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    StopSignal() {
        hook = new Thread(this::awaitLoop, "digits-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void awaitLoop() {
        requested = true;
        logger.warn("Stop requested: finishing the current batch; the last finished epoch's checkpoint is kept"
                + " (continue with --resume)");
        try {
            if (!stopped.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                logger.error("Training did not stop within {} s; exiting anyway", WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean requested() {
        return requested;
    }

    /** Called by the training loop once it holds no native resources. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it returns now that the latch is open.
        }
    }
}
