package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe among a job's inputs, so that a test decides when the job may end: the task that
 * opens it to read waits until the gate is opened, and from then on every read of it (a retried
 * task's too) gets the same bytes. Linux only ({@code mkfifo}, and an open for reading and writing
 * that does not wait).
 */
final class PipeGate implements AutoCloseable {

    private final Path pipe;
    private final byte[] content;
    private volatile boolean closed;
    private Thread writer;

    private PipeGate(Path pipe, byte[] content) {
        this.pipe = pipe;
        this.content = content;
    }

    /** Makes the pipe; whatever opens it to read waits until {@link #open()}. */
    static PipeGate create(Path pipe, byte[] content) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).as("mkfifo " + pipe).isZero();
        return new PipeGate(pipe, content);
    }

    /** From now on each reader of the pipe gets the content, then its end. */
    synchronized void open() {
        writer = new Thread(() -> {
            while (!closed) {
                // Waits in open() until a reader comes.
                try (OutputStream out = Files.newOutputStream(pipe)) {
                    out.write(content);
                } catch (IOException e) {
                    // A reader that went away early (its executor was killed): serve the next one.
                }
            }
        }, "pipe-gate");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops serving readers; a writer waiting for one is released by an open that does not wait. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        closed = true;
        if (writer != null) {
            while (writer.isAlive()) {
                try (RandomAccessFile release = new RandomAccessFile(pipe.toFile(), "rw")) {
                    writer.join(100);
                }
            }
        }
        Files.deleteIfExists(pipe);
    }
}
