package dev.digits.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns to decode images: decoding holds a whole image in memory, so only so many run at once,
 * whatever Jetty's thread count; a request that waits too long for a turn is answered 503.
 */
final class DecodingTurns {

    /** How long a request waits for a turn to decode its images before it is answered 503. */
    private static final long WAIT_SECONDS = 10;

    private final int turns;
    private final Semaphore free;

    DecodingTurns(int turns) {
        this.turns = turns;
        this.free = new Semaphore(turns, true);
    }

    /** Runs decoding work in a turn of its own. */
    <T> T run(Supplier<T> work) {
        try {
            if (!free.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw Unavailable.busy("the server is decoding as many images as it may (" + turns
                        + ") and none finished within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Unavailable.stopping();
        }
        try {
            return work.get();
        } finally {
            free.release();
        }
    }
}
