package dev.digits.model.folder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader, or a process killed at any moment, sees the old file or the
 * new one, never half of one: write beside the target, flush to disk, then rename over it.
 */
public final class AtomicFiles {

    /** Writes the file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Replaces {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            makeReadable(temp);
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            force(temp);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Moves a finished file or folder into place, flushing it to disk first, and then the folder
     * that holds it: until its folder is flushed, a rename can be lost with the power.
     */
    public static void move(Path source, Path target) throws IOException {
        if (Files.isRegularFile(source)) {
            force(source);
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically on this file system", e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Flushes a folder's entries (renames, new files) to disk. Where the platform cannot open a
     * folder as a file (Windows), there is nothing to flush this way, and nothing is done.
     */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Gives a temporary file or folder the usual permissions (rw-r--r--, rwxr-xr-x): Java makes
     * temporary files private to their owner, and the renamed file would stay so.
     */
    public static void makeReadable(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
