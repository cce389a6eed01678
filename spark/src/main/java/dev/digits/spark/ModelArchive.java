package dev.digits.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A model folder packed to travel with a job: Spark ships archives to every executor and unpacks
 * them there ({@code SparkContext.addArchive}); it refuses folders outside local mode.
 */
final class ModelArchive {

    private ModelArchive() {}

    /**
     * Zips the files of the folder itself (the model's files; not its charts or other subfolders).
     *
     * @param name the archive's file name, which executors know it by
     * @return the archive, in a new temporary folder
     */
    static Path pack(Path folder, String name) {
        try {
            Path archive = Files.createTempDirectory("digits-spark-model").resolve(name);
            List<Path> files;
            try (Stream<Path> listing = Files.list(folder)) {
                files = listing.filter(Files::isRegularFile).sorted().toList();
            }
            try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Path file : files) {
                    zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            archive.toFile().deleteOnExit();
            archive.getParent().toFile().deleteOnExit();
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the model folder " + folder + " to ship it: " + e.getMessage(), e);
        }
    }
}
