package dev.digits.serve;

import dev.digits.model.image.DigitImages;
import dev.digits.model.inference.DigitRecognizer;

/**
 * How the server listens, reads, decodes and batches, and the limits that keep any one client or
 * a crowd of them from taking more than their share. The {@code DEFAULT_*} constants are the
 * command line's defaults too.
 *
 * @param host address to listen on; 127.0.0.1 keeps it on this machine
 * @param port TCP port, 0 for any free one
 * @param maxBodyBytes largest request body accepted, whether its length is announced or not
 * @param maxPixels largest image accepted, in pixels, checked before decoding
 * @param maxBatch most images in one forward pass; 1 turns batching off
 * @param maxWaitMillis how long the first request of a batch waits for others to join it
 * @param maxDecodes most images decoded (and numbers read) at once; a request waits for a turn,
 *     then gets a 503
 * @param maxImages most images in one request
 * @param maxQueued most images waiting for a forward pass; a request that would not fit gets a
 *     503 at once
 * @param minUploadBytesPerSecond slowest a body may arrive; a slower upload is dropped with a 408
 */
public record ServerOptions(String host, int port, long maxBodyBytes, long maxPixels, int maxBatch, int maxWaitMillis,
        int maxDecodes, int maxImages, int maxQueued, int minUploadBytesPerSecond) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 4L << 20;
    public static final long DEFAULT_MAX_PIXELS = DigitRecognizer.DEFAULT_MAX_PIXELS;
    public static final int DEFAULT_MAX_BATCH = 32;
    public static final int DEFAULT_MAX_WAIT_MILLIS = 5;
    /** A batch of JSON pixels this large is about 2 MB, within the body limit; with pixels, the answer as much. */
    public static final int DEFAULT_MAX_IMAGES = 256;
    /** About a quarter of a second of forward passes on two cores. */
    public static final int DEFAULT_MAX_QUEUED = 512;
    /** A slow mobile upload; a 4 MiB body may take 4 minutes, a trickle no longer. */
    public static final int DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND = 16 * 1024;

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
        if (maxQueued < 1 || maxQueued > 1_000_000) {
            throw new IllegalArgumentException("the queue limit must be between 1 and 1000000 images, got "
                    + maxQueued);
        }
        if (maxImages < 1 || maxImages > maxQueued) {
            throw new IllegalArgumentException("the images limit must be between 1 and the queue limit ("
                    + maxQueued + "), got " + maxImages);
        }
        if (minUploadBytesPerSecond < 0) {
            throw new IllegalArgumentException("the upload rate must be 0 (no minimum) or more, got "
                    + minUploadBytesPerSecond);
        }
    }

    /** Decoding is CPU work: one image per core at a time. */
    public static int defaultMaxDecodes() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PIXELS,
                DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT_MILLIS, defaultMaxDecodes(), DEFAULT_MAX_IMAGES,
                DEFAULT_MAX_QUEUED, DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, maxBodyBytes, maxPixels, maxBatch, maxWaitMillis, maxDecodes, maxImages,
                maxQueued, minUploadBytesPerSecond);
    }

    public ServerOptions withMaxBodyBytes(long bytes) {
        return new ServerOptions(host, port, bytes, maxPixels, maxBatch, maxWaitMillis, maxDecodes, maxImages,
                maxQueued, minUploadBytesPerSecond);
    }

    public ServerOptions withQueue(int images, int queued) {
        return new ServerOptions(host, port, maxBodyBytes, maxPixels, maxBatch, maxWaitMillis, maxDecodes, images,
                queued, minUploadBytesPerSecond);
    }

    public ServerOptions withMinUploadRate(int bytesPerSecond) {
        return new ServerOptions(host, port, maxBodyBytes, maxPixels, maxBatch, maxWaitMillis, maxDecodes, maxImages,
                maxQueued, bytesPerSecond);
    }
}
