package dev.digits.serve;

/**
 * How the server listens and batches.
 *
 * @param host address to listen on; 127.0.0.1 keeps it on this machine
 * @param port TCP port, 0 for any free one
 * @param maxBodyBytes largest request body accepted
 * @param maxPixels largest image accepted, in pixels, checked before decoding
 * @param maxBatch most images in one forward pass; 1 turns batching off
 * @param maxWaitMillis how long the first request of a batch waits for others to join it
 */
public record ServerOptions(String host, int port, long maxBodyBytes, long maxPixels, int maxBatch, int maxWaitMillis) {

    public ServerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
        if (maxPixels < 784) {
            throw new IllegalArgumentException("the pixel limit must be at least 784, got " + maxPixels);
        }
        if (maxBatch < 1 || maxBatch > 1024) {
            throw new IllegalArgumentException("the largest batch must be between 1 and 1024, got " + maxBatch);
        }
        if (maxWaitMillis < 0 || maxWaitMillis > 10_000) {
            throw new IllegalArgumentException("the batch wait must be between 0 and 10000 ms, got " + maxWaitMillis);
        }
    }

    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8080, 4L << 20, 16L << 20, 32, 5);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, maxBodyBytes, maxPixels, maxBatch, maxWaitMillis);
    }

    public ServerOptions withBatching(int newMaxBatch, int newMaxWaitMillis) {
        return new ServerOptions(host, port, maxBodyBytes, maxPixels, newMaxBatch, newMaxWaitMillis);
    }

    public ServerOptions withMaxBodyBytes(long bytes) {
        return new ServerOptions(host, port, bytes, maxPixels, maxBatch, maxWaitMillis);
    }
}
