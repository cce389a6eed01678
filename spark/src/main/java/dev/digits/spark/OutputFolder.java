package dev.digits.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder a job writes its answers to. {@code --overwrite} replaces only what digits-spark
 * wrote: Spark's overwrite deletes whatever the folder holds, and {@code -o} may name a home
 * folder, the model or the images by mistake. A finished job leaves {@value #MARKER} beside its
 * part files, which a later run recognises.
 */
final class OutputFolder {

    static final String MARKER = "_digits-spark";

    private final FileSystem fs;
    private final Path path;

    OutputFolder(FileSystem fs, String output) {
        this.fs = fs;
        this.path = fs.makeQualified(new Path(output));
    }

    boolean exists() throws IOException {
        return fs.exists(path);
    }

    /**
     * Refuses an output that --overwrite must not replace: one that holds an input or the model,
     * or a folder that is neither empty nor an earlier output of digits-spark.
     *
     * @param inputs the image paths or the table, as given
     * @param model the model folder on the driver
     * @throws IllegalArgumentException naming the reason
     */
    void checkReplaceable(List<String> inputs, java.nio.file.Path model) throws IOException {
        for (String input : inputs) {
            if (contains(fs.makeQualified(new Path(input)))) {
                throw new IllegalArgumentException("--overwrite would delete the input " + input + ": the output "
                        + path + " holds it; write the answers elsewhere");
            }
        }
        if (contains(fs.makeQualified(new Path(model.toUri())))) {
            throw new IllegalArgumentException("--overwrite would delete the model " + model + ": the output " + path
                    + " holds it; write the answers elsewhere");
        }
        if (!fs.exists(path)) {
            return;
        }
        FileStatus status = fs.getFileStatus(path);
        if (!status.isDirectory()) {
            throw new IllegalArgumentException("the output " + path + " is a file, not an earlier output of"
                    + " digits-spark; --overwrite replaces only those; remove it yourself or write elsewhere");
        }
        if (fs.listStatus(path).length > 0 && !fs.exists(new Path(path, MARKER))) {
            throw new IllegalArgumentException("the output " + path + " holds files that digits-spark did not write"
                    + " (no " + MARKER + " in it); --overwrite replaces only earlier outputs of digits-spark;"
                    + " remove it yourself or write elsewhere");
        }
    }

    /** Whether the output is the path or a folder above it. */
    private boolean contains(Path other) {
        URI out = path.toUri();
        URI in = other.toUri();
        if (!java.util.Objects.equals(out.getScheme(), in.getScheme())
                || !java.util.Objects.equals(out.getAuthority(), in.getAuthority())) {
            return false;
        }
        String outPath = out.getPath().endsWith("/") ? out.getPath() : out.getPath() + "/";
        String inPath = in.getPath().endsWith("/") ? in.getPath() : in.getPath() + "/";
        return inPath.startsWith(outPath);
    }

    /** Marks the finished output as digits-spark's, naming the model's weights. */
    void markWritten(String paramsSha256) throws IOException {
        try (OutputStream out = fs.create(new Path(path, MARKER), true)) {
            out.write(("answers written by digits-spark with the model " + paramsSha256 + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Removes what a failed job left, when the folder did not exist before it. */
    void deleteLeftovers() throws IOException {
        fs.delete(path, true);
    }
}
