package dev.digits.spark;

import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ServingProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A model folder packed to travel with a job: Spark ships archives to every executor and unpacks
 * them there ({@code SparkContext.addArchive}); it refuses folders outside local mode.
 */
final class ModelArchive {

    private ModelArchive() {}

    /**
     * Zips the files that loading the committed model reads: serving.properties, the weights and
     * their metadata. Nothing else of the folder travels: not its charts or checkpoints, and not
     * jars or classes someone put there, which executors would otherwise unpack beside the model.
     *
     * @param name the archive's file name, which executors know it by
     * @return the archive, in a new temporary folder
     */
    static Path pack(Path folder, String name) {
        try {
            Path archive = Files.createTempDirectory("digits-spark-model").resolve(name);
            ServingProperties serving = new ModelFolder(folder).readServingProperties();
            List<Path> files = List.of(folder.resolve(ServingProperties.FILE), folder.resolve(serving.paramsFile()),
                    folder.resolve(serving.metadataFile()));
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
