package dev.digits.serve;

import dev.digits.model.inference.DigitImages;
import dev.digits.model.inference.DigitRecognizer;

/**
 * How the server listens, decodes and batches. The {@code DEFAULT_*} constants are the command
 * line's defaults too.
 *
 * @param host address to listen on; 127.0.0.1 keeps it on this machine
 * @param port TCP port, 0 for any free one
 * @param maxBodyBytes largest request body accepted
 * @param maxPixels largest image accepted, in pixels, checked before decoding
 * @param maxBatch most images in one forward pass; 1 turns batching off
 * @param maxWaitMillis how long the first request of a batch waits for others to join it
 * @param maxDecodes most images decoded at once; a request waits for a turn, then gets a 503
 */
public record ServerOptions(String host, int port, long maxBodyBytes, long maxPixels, int maxBatch, int maxWaitMillis,
        int maxDecodes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 4L << 20;
    public static final long DEFAULT_MAX_PIXELS = DigitRecognizer.DEFAULT_MAX_PIXELS;
    public static final int DEFAULT_MAX_BATCH = 32;
    public static final int DEFAULT_MAX_WAIT_MILLIS = 5;

    public ServerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
        if (maxPixels < DigitImages.PIXELS) {
            throw new IllegalArgumentException("the pixel limit must be at least " + DigitImages.PIXELS + ", got "
                    + maxPixels);
        }
        if (maxBatch < 1 || maxBatch > 1024) {
            throw new IllegalArgumentException("the largest batch must be between 1 and 1024, got " + maxBatch);
        }
        if (maxWaitMillis < 0 || maxWaitMillis > 10_000) {
            throw new IllegalArgumentException("the batch wait must be between 0 and 10000 ms, got " + maxWaitMillis);
        }
        if (maxDecodes < 1 || maxDecodes > 1024) {
            throw new IllegalArgumentException("the decode limit must be between 1 and 1024, got " + maxDecodes);
        }
    }

    /** Decoding is CPU work: one image per core at a time. */
    public static int defaultMaxDecodes() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PIXELS,
                DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT_MILLIS, defaultMaxDecodes());
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, maxBodyBytes, maxPixels, maxBatch, maxWaitMillis, maxDecodes);
    }

    public ServerOptions withMaxBodyBytes(long bytes) {
        return new ServerOptions(host, port, bytes, maxPixels, maxBatch, maxWaitMillis, maxDecodes);
    }
}
