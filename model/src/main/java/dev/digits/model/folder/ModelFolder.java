package dev.digits.model.folder;

import ai.djl.Model;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.history.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A trained model on disk, and the one place that knows the folder's layout. The folder is a DJL
 * model directory: {@code Criteria.builder().optModelPath(folder)} loads it.
 *
 * <pre>
 * serving.properties         DJL's description of the model, naming its own files; the commit point
 * metadata-SHA8.json         what the model is and how it was made
 * digits-SHA8-00NN.params    DJL parameters of the network (NN = epochs trained)
 * history-SHA8.json          per-epoch loss, accuracy and speed of the run that made them
 * evaluation-SHA8.json       test accuracy, confusion matrix, per-class scores, worst mistakes
 * model-SHA8.onnx            the network as ONNX, once exported (digits export; see OnnxExports)
 * charts/                    pictures drawn from the history and the evaluation
 * checkpoints/epoch-NNNN/    the state after each epoch, for resuming
 * </pre>
 *
 * <p>SHA8 is the start of the parameters' SHA-256. Saving writes every file of the new model
 * under its own names first, then replaces serving.properties in one atomic rename, then removes
 * the files of other models. A reader, the project's own or plain DJL, sees the previous model
 * with its own files, or the new one with its own, at every instant: a process killed at any
 * moment cannot pair a model with another model's figures.
 */
public final class ModelFolder {

    /** Format 1 (digits before DJL model folders) had metadata.json as its commit point. */
    public static final int FORMAT_VERSION = 2;
    /** Where the command lines write and read a model when no folder is named. */
    public static final String DEFAULT_DIR = "models/digits";
    public static final String CHARTS = "charts";
    public static final String CHECKPOINTS = "checkpoints";
    /** Format 1's commit point. */
    static final String LEGACY_METADATA = "metadata.json";

    static final String MODEL_NAME = "digits";
    static final Pattern LEGACY_PARAMS_FILE = Pattern.compile("(digits(?:-[0-9a-f]{8})?)-(\\d{4})\\.params");
    /** Files named by their model's SHA8, or without it in format 1. */
    private static final Pattern MODEL_JSON = Pattern.compile("(history|evaluation|metadata)(?:-([0-9a-f]{8}))?\\.json");

    /** Called at each step of a save, for tests that stop a process there. */
    static volatile java.util.function.Consumer<String> saveStep = step -> { };

    private final Path root;

    public ModelFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    public Path chartsDir() {
        return root.resolve(CHARTS);
    }

    public Path checkpointsDir() {
        return root.resolve(CHECKPOINTS);
    }

    /**
     * The folder's serving.properties, checked.
     *
     * @throws ModelFolderException if it is missing, damaged, or the folder has an older format
     */
    public ServingProperties readServingProperties() {
        Path file = root.resolve(ServingProperties.FILE);
        if (!Files.exists(file)) {
            if (Files.exists(root.resolve(LEGACY_METADATA))) {
                throw new ModelFolderException(root + " was written by an earlier version of digits (model folder"
                        + " format 1: metadata.json, no serving.properties). Bring it up to date with: digits upgrade "
                        + root);
            }
            throw new ModelFolderException(file + " is missing: " + root + " holds no digits model"
                    + (Files.isDirectory(root) ? "." : " (the folder does not exist)."));
        }
        return ServingProperties.read(file);
    }

    /** The metadata of the folder's model. */
    public ModelMetadata readMetadata() {
        return readMetadata(readServingProperties());
    }

    /**
     * The metadata that serving.properties names, checked against it.
     *
     * @throws ModelFolderException if it is missing, damaged or describes another model
     */
    public ModelMetadata readMetadata(ServingProperties serving) {
        ReadCounts.METADATA.increment();
        Path file = root.resolve(serving.metadataFile());
        ModelMetadata metadata = readJson(file, ModelMetadata.class);
        if (metadata.formatVersion() != FORMAT_VERSION) {
            throw new ModelFolderException(file + " has model folder format " + metadata.formatVersion()
                    + ", but this version of digits reads format " + FORMAT_VERSION + ".");
        }
        ServingProperties described;
        try {
            described = ServingProperties.of(metadata);
        } catch (RuntimeException e) {
            throw new ModelFolderException(file + " is not a valid ModelMetadata file: " + e.getMessage() + ".", e);
        }
        if (!described.equals(serving)) {
            throw new ModelFolderException(file + " and " + root.resolve(ServingProperties.FILE)
                    + " disagree: the metadata describes " + described + " but " + ServingProperties.FILE + " says "
                    + serving + ".");
        }
        return metadata;
    }

    /** The history of the run that made the folder's model. */
    public TrainingHistory readHistory() {
        return readJson(historyFile(readMetadata().paramsSha256()), TrainingHistory.class);
    }

    /**
     * The latest evaluation of the folder's model.
     *
     * @throws ModelFolderException if it is missing, unreadable or describes another model
     */
    public Evaluation readEvaluation() {
        ModelMetadata metadata = readMetadata();
        Path file = evaluationFile(metadata.paramsSha256());
        Evaluation evaluation = readJson(file, Evaluation.class);
        if (!metadata.paramsSha256().equals(evaluation.paramsSha256())) {
            throw new ModelFolderException(file + " describes parameters " + evaluation.paramsSha256()
                    + ", not the folder's model " + metadata.paramsFile() + "; renew it with: digits evaluate " + root);
        }
        return evaluation;
    }

    /** Where the history of the model with these parameters is kept. */
    public Path historyFile(String paramsSha256) {
        return root.resolve("history-" + shortSha(paramsSha256) + ".json");
    }

    /** Where the evaluation of the model with these parameters is kept. */
    public Path evaluationFile(String paramsSha256) {
        return root.resolve("evaluation-" + shortSha(paramsSha256) + ".json");
    }

    /** Saves an evaluation beside the model it evaluated, replacing that model's previous one. */
    public void writeEvaluation(Evaluation evaluation) throws IOException {
        JsonFiles.write(evaluationFile(evaluation.paramsSha256()), evaluation);
    }

    /**
     * Saves the model's parameters into the folder under a name of their own; the model becomes
     * the folder's model only when {@link #commit} names the file in serving.properties.
     *
     * @param model a trained model
     * @param epochs epochs trained, recorded in the file name as DJL does
     * @return the file's name and SHA-256
     */
    public SavedParameters saveParameters(Model model, int epochs) throws IOException {
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, ".saving-");
        SavedParameters saved;
        try {
            AtomicFiles.makeReadable(staging);
            model.setProperty("Epoch", Integer.toString(epochs));
            model.save(staging, MODEL_NAME);
            saved = adopt(staging.resolve(String.format(Locale.ROOT, "%s-%04d.params", MODEL_NAME, epochs)), epochs);
        } finally {
            FileTrees.delete(staging);
        }
        saveStep.accept("parameters");
        return saved;
    }

    /** Moves a parameters file into the folder under its SHA's name. */
    SavedParameters adopt(Path written, int epochs) throws IOException {
        String sha = FileHashes.sha256(written);
        String name = String.format(Locale.ROOT, "%s-%s-%04d.params", MODEL_NAME, shortSha(sha), epochs);
        AtomicFiles.move(written, root.resolve(name));
        return new SavedParameters(name, sha);
    }

    /** The name and SHA-256 of a saved parameters file. */
    public record SavedParameters(String fileName, String sha256) {}

    /**
     * Makes the model that metadata describes the folder's model: writes its history,
     * evaluation and metadata under its own names, replaces serving.properties, then removes the
     * files of other models.
     *
     * @param metadata names the parameters written by {@link #saveParameters}
     * @param history the run that made them
     * @param evaluation their evaluation
     */
    public void commit(ModelMetadata metadata, TrainingHistory history, Evaluation evaluation) throws IOException {
        try (FolderLock lock = FolderLock.take(root)) {
            commitLocked(metadata, history, evaluation);
        }
    }

    /** One commit at a time, in every process: the cleanup of one would remove the files of another. */
    private void commitLocked(ModelMetadata metadata, TrainingHistory history, Evaluation evaluation)
            throws IOException {
        Path params = root.resolve(metadata.paramsFile());
        if (!Files.isRegularFile(params)) {
            throw new IOException("cannot commit " + params + ": the file is not there (another save into "
                    + root + " at the same moment replaced it; that one is the folder's model now)");
        }
        if (!metadata.paramsSha256().equals(evaluation.paramsSha256())) {
            throw new IllegalArgumentException("the evaluation describes parameters " + evaluation.paramsSha256()
                    + ", not " + metadata.paramsSha256());
        }
        ServingProperties serving = ServingProperties.of(metadata);
        JsonFiles.write(historyFile(metadata.paramsSha256()), history);
        saveStep.accept("history");
        writeEvaluation(evaluation);
        saveStep.accept("evaluation");
        JsonFiles.write(root.resolve(serving.metadataFile()), metadata);
        saveStep.accept("metadata");
        serving.write(root.resolve(ServingProperties.FILE));
        saveStep.accept("serving.properties");
        String own = shortSha(metadata.paramsSha256());
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Matcher json = MODEL_JSON.matcher(name);
                boolean otherModel = (LEGACY_PARAMS_FILE.matcher(name).matches() && !name.equals(metadata.paramsFile()))
                        || (json.matches() && !own.equals(json.group(2))) || OnnxExports.ofOtherModel(name, own);
                if (otherModel) {
                    Files.deleteIfExists(file);
                }
            }
        }
        saveStep.accept("cleanup");
    }

    static String shortSha(String sha256) {
        if (sha256 == null || sha256.length() < 8) {
            throw new ModelFolderException("'" + sha256 + "' is not a SHA-256");
        }
        return sha256.substring(0, 8);
    }

    /**
     * Checks that the parameters file serving.properties names is there, is a DJL parameters
     * file and has the SHA-256 it should.
     *
     * @throws ModelFolderException naming the file and what is wrong
     */
    public void verifyParameters(ServingProperties serving) {
        ReadCounts.PARAMETERS_HASHED.increment();
        Path params = root.resolve(serving.paramsFile());
        if (!Files.isRegularFile(params)) {
            throw new ModelFolderException(params + " is missing: " + root.resolve(ServingProperties.FILE)
                    + " names it as the model's parameters.");
        }
        String sha;
        try (InputStream in = Files.newInputStream(params)) {
            // DJL silently skips a file without its header and leaves the network uninitialised.
            byte[] magic = in.readNBytes(4);
            if (!"DJL@".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new ModelFolderException("cannot load " + params
                        + ": it does not start with DJL's parameter header. The file is damaged or is not a digits model.");
            }
            sha = FileHashes.sha256(params);
        } catch (IOException e) {
            throw new ModelFolderException("cannot read " + params + ": " + e.getMessage(), e);
        }
        if (!sha.equals(serving.paramsSha256())) {
            throw new ModelFolderException(params + " is damaged or was replaced: its SHA-256 is " + sha
                    + " but " + ServingProperties.FILE + " expects " + serving.paramsSha256() + ".");
        }
    }

    /** Whether the folder has the format of digits before DJL model folders, which {@link FolderUpgrade} brings up to date. */
    public boolean isLegacy() {
        return !Files.exists(root.resolve(ServingProperties.FILE)) && Files.exists(root.resolve(LEGACY_METADATA));
    }

    /** Reads one of the folder's JSON files, naming it in any error. */
    static <T> T readJson(Path file, Class<T> type) {
        try {
            return JsonFiles.read(file, type);
        } catch (InvalidFileException e) {
            throw new ModelFolderException(e.getMessage(), e);
        }
    }
}
