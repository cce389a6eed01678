package dev.digits.model.folder;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.nn.DigitNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A trained model on disk, and the one place that knows the folder's layout.
 *
 * <pre>
 * metadata.json              what the model is and which files are its own; the commit point
 * digits-SHA8-00NN.params    DJL parameters of the network (NN = epochs trained)
 * history-SHA8.json          per-epoch loss, accuracy and speed of the run that made them
 * evaluation-SHA8.json       test accuracy, confusion matrix, per-class scores, worst mistakes
 * charts/                    pictures drawn from the history and the evaluation
 * checkpoints/epoch-NNNN/    the state after each epoch, for resuming
 * </pre>
 *
 * <p>SHA8 is the start of the parameters' SHA-256. Saving writes every file of the new model
 * under its own names first, then replaces metadata.json in one atomic rename, then removes the
 * files of other models. A reader sees the previous model with its own history and evaluation,
 * or the new one with its own, at every instant: a process killed at any moment cannot pair a
 * model with another model's figures.
 */
public final class ModelFolder {

    public static final int FORMAT_VERSION = 1;
    /** Where the command lines write and read a model when no folder is named. */
    public static final String DEFAULT_DIR = "models/digits";
    public static final String METADATA = "metadata.json";
    public static final String CHARTS = "charts";
    public static final String CHECKPOINTS = "checkpoints";

    private static final String MODEL_NAME = "digits";
    private static final Pattern PARAMS_FILE = Pattern.compile("(digits(?:-[0-9a-f]{8})?)-(\\d{4})\\.params");
    /** History and evaluation: named by their model's SHA8, or without it in older folders. */
    private static final Pattern MODEL_JSON = Pattern.compile("(history|evaluation)(?:-([0-9a-f]{8}))?\\.json");

    /** Called at each step of a save, for tests that stop a process there. */
    static volatile java.util.function.Consumer<String> saveStep = step -> { };

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

    public ModelMetadata readMetadata() {
        ModelMetadata metadata = readJson(root.resolve(METADATA), ModelMetadata.class);
        if (metadata.formatVersion() != FORMAT_VERSION) {
            throw new ModelFolderException(root.resolve(METADATA) + " has model folder format "
                    + metadata.formatVersion() + ", but this version of digits reads format " + FORMAT_VERSION + ".");
        }
        if (metadata.paramsFile() == null || !PARAMS_FILE.matcher(metadata.paramsFile()).matches()) {
            throw new ModelFolderException(root.resolve(METADATA) + " names no valid parameters file (paramsFile: "
                    + metadata.paramsFile() + ").");
        }
        return metadata;
    }

    /** The history of the run that made the folder's model. */
    public TrainingHistory readHistory() {
        return readJson(ownOrLegacy(historyFile(readMetadata().paramsSha256()), "history"), TrainingHistory.class);
    }

    /**
     * The latest evaluation of the folder's model.
     *
     * @throws ModelFolderException if it is missing, unreadable or describes another model
     */
    public Evaluation readEvaluation() {
        ModelMetadata metadata = readMetadata();
        Path file = ownOrLegacy(evaluationFile(metadata.paramsSha256()), "evaluation");
        Evaluation evaluation = readJson(file, Evaluation.class);
        if (!metadata.paramsSha256().equals(evaluation.paramsSha256())) {
            throw new ModelFolderException(file + " describes parameters " + evaluation.paramsSha256()
                    + ", not the folder's model " + metadata.paramsFile() + "; renew it with: digits evaluate " + root);
        }
        return evaluation;
    }

    /** The model's own file, or the one a folder written before files had their model's name holds. */
    private Path ownOrLegacy(Path own, String kind) {
        Path legacy = root.resolve(kind + ".json");
        return !Files.exists(own) && Files.exists(legacy) ? legacy : own;
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
        writeJson(evaluationFile(evaluation.paramsSha256()), evaluation);
    }

    /**
     * Saves the model's parameters into the folder under a name of their own; the model becomes
     * the folder's model only when {@link #commit} writes metadata pointing at the file.
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
            Path written = staging.resolve(String.format("%s-%04d.params", MODEL_NAME, epochs));
            String sha = sha256(written);
            String name = String.format("%s-%s-%04d.params", MODEL_NAME, shortSha(sha), epochs);
            AtomicFiles.move(written, root.resolve(name));
            saved = new SavedParameters(name, sha);
        } finally {
            deleteTree(staging);
        }
        saveStep.accept("parameters");
        return saved;
    }

    /** The name and SHA-256 of a saved parameters file. */
    public record SavedParameters(String fileName, String sha256) {}

    /**
     * Makes the model that metadata describes the folder's model: writes its history and
     * evaluation under its own names, replaces metadata.json, then removes the files of other
     * models.
     *
     * @param metadata names the parameters written by {@link #saveParameters}
     * @param history the run that made them
     * @param evaluation their evaluation
     */
    public void commit(ModelMetadata metadata, TrainingHistory history, Evaluation evaluation) throws IOException {
        Path params = root.resolve(metadata.paramsFile());
        if (!Files.isRegularFile(params)) {
            throw new IOException("cannot commit " + params + ": the file is not there");
        }
        if (!metadata.paramsSha256().equals(evaluation.paramsSha256())) {
            throw new IllegalArgumentException("the evaluation describes parameters " + evaluation.paramsSha256()
                    + ", not " + metadata.paramsSha256());
        }
        writeJson(historyFile(metadata.paramsSha256()), history);
        saveStep.accept("history");
        writeEvaluation(evaluation);
        saveStep.accept("evaluation");
        writeJson(root.resolve(METADATA), metadata);
        saveStep.accept("metadata");
        String own = shortSha(metadata.paramsSha256());
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Matcher json = MODEL_JSON.matcher(name);
                boolean otherModel = (PARAMS_FILE.matcher(name).matches() && !name.equals(metadata.paramsFile()))
                        || (json.matches() && !own.equals(json.group(2)));
                if (otherModel) {
                    Files.deleteIfExists(file);
                }
            }
        }
        saveStep.accept("cleanup");
    }

    private static String shortSha(String sha256) {
        if (sha256 == null || sha256.length() < 8) {
            throw new ModelFolderException("'" + sha256 + "' is not a SHA-256");
        }
        return sha256.substring(0, 8);
    }

    /**
     * Loads the folder's model on the runtime's engine and device, checking its parameters
     * against metadata.json first.
     */
    public Model loadModel(EngineRuntime runtime) {
        ModelMetadata metadata = readMetadata();
        Path params = root.resolve(metadata.paramsFile());
        if (!Files.isRegularFile(params)) {
            throw new ModelFolderException(params + " is missing: " + root.resolve(METADATA)
                    + " names it as the model's parameters.");
        }
        String sha;
        try {
            sha = sha256(params);
        } catch (IOException e) {
            throw new ModelFolderException("cannot read " + params + ": " + e.getMessage(), e);
        }
        if (!sha.equals(metadata.paramsSha256())) {
            throw new ModelFolderException(params + " is damaged or was replaced: its SHA-256 is " + sha
                    + " but " + METADATA + " expects " + metadata.paramsSha256() + ".");
        }
        return loadParameters(runtime, root, metadata.paramsFile());
    }

    /** Loads a DJL parameters file into a new model with the digit network. */
    public static Model loadParameters(EngineRuntime runtime, Path dir, String paramsFile) {
        Matcher matcher = PARAMS_FILE.matcher(paramsFile);
        if (!matcher.matches()) {
            throw new ModelFolderException(dir.resolve(paramsFile) + " is not a digits parameters file name.");
        }
        Path file = dir.resolve(paramsFile);
        // DJL silently skips a file without its header and leaves the network uninitialised.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (!"DJL@".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new ModelFolderException("cannot load " + file
                        + ": it does not start with DJL's parameter header. The file is damaged or is not a digits model.");
            }
        } catch (IOException e) {
            throw new ModelFolderException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Block block = DigitNetwork.create();
        Model model = Model.newInstance(MODEL_NAME, runtime.device(), runtime.name().djlName());
        model.setBlock(block);
        try {
            model.load(dir, matcher.group(1), Map.of("epoch", Integer.parseInt(matcher.group(2))));
            if (!block.isInitialized()) {
                throw new MalformedModelException("no parameters were read");
            }
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelFolderException("cannot load " + dir.resolve(paramsFile) + ": " + EngineRuntime.rootMessage(e)
                    + ". The file is damaged or is not a digits model.", e);
        }
    }

    /** Reads a JSON file into a type, naming the file in any error. */
    public static <T> T readJson(Path file, Class<T> type) {
        try {
            T value = JSON.readValue(file.toFile(), type);
            if (value == null) {
                throw new ModelFolderException(file + " is empty (it holds JSON null).");
            }
            return value;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ModelFolderException(file + " is missing.", e);
        } catch (JsonProcessingException e) {
            throw new ModelFolderException(file + " is not a valid " + type.getSimpleName() + " file: "
                    + e.getOriginalMessage() + ".", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFolderException(file + " is not a valid " + type.getSimpleName() + " file: "
                    + e.getMessage() + ".", e);
        } catch (IOException e) {
            throw new ModelFolderException("cannot read " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /** Writes a value as JSON, atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The SHA-256 of a file, as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Deletes a folder and what it holds; missing is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }
}
