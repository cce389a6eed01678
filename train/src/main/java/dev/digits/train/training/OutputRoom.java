package dev.digits.train.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a model folder can take a run's files, checked before the first epoch: an output that
 * cannot be written, or a disk without room for the checkpoints, used to be found only when the
 * first epoch's checkpoint was written.
 */
final class OutputRoom {

    /**
     * Two checkpoints of weights and Adam's two moments, the model, and a staged copy of each
     * being written: ten copies of the weights, as floats.
     */
    private static final long COPIES = 10;
    /** History, evaluation, metadata and charts. */
    private static final long OTHER_FILES = 16L << 20;

    private OutputRoom() {}

    /**
     * @param parameters the network's weight count
     * @throws IllegalArgumentException naming the output and what is wrong with it
     */
    static void require(Path dir, long parameters) {
        Path probe;
        try {
            Files.createDirectories(dir);
            probe = Files.createTempFile(dir, ".writable-", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("the output " + dir + " cannot be written: " + reason(e)
                    + "; choose another with -o DIR");
        }
        long needed = parameters * Float.BYTES * COPIES + OTHER_FILES;
        long usable;
        try {
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return;
        }
        if (usable < needed) {
            throw new IllegalArgumentException("the output " + dir + " has " + usable / (1 << 20) + " MB free; a run of"
                    + " this network needs about " + needed / (1 << 20) + " MB (checkpoints and the model); free some"
                    + " room or choose another with -o DIR");
        }
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                ? fs.getFile() + ": " + fs.getReason() : String.valueOf(e.getMessage());
    }
}
