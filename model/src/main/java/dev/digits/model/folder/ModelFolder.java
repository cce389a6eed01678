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
 * metadata.json              what the model is; written last, so it is the commit point
 * digits-SHA8-00NN.params    DJL parameters of the network (NN = epochs trained)
 * history.json               per-epoch loss, accuracy and speed
 * evaluation.json            test accuracy, confusion matrix, per-class scores, worst mistakes
 * charts/                    pictures drawn from history.json and evaluation.json
 * checkpoints/epoch-NNNN/    the state after each epoch, for resuming
 * </pre>
 *
 * <p>A new model's parameters go in a new file named by their content, then metadata.json is
 * replaced atomically to point at it, then the old parameters file is removed: a process killed
 * at any moment leaves the previous model or the new one.
 */
public final class ModelFolder {

    public static final int FORMAT_VERSION = 1;
    public static final String METADATA = "metadata.json";
    public static final String HISTORY = "history.json";
    public static final String EVALUATION = "evaluation.json";
    public static final String CHARTS = "charts";
    public static final String CHECKPOINTS = "checkpoints";

    private static final String MODEL_NAME = "digits";
    private static final Pattern PARAMS_FILE = Pattern.compile("(digits(?:-[0-9a-f]{8})?)-(\\d{4})\\.params");

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

    /** Whether the folder holds a committed model. */
    public boolean hasModel() {
        return Files.isRegularFile(root.resolve(METADATA));
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

    public TrainingHistory readHistory() {
        return readJson(root.resolve(HISTORY), TrainingHistory.class);
    }

    public Evaluation readEvaluation() {
        Evaluation evaluation = readJson(root.resolve(EVALUATION), Evaluation.class);
        if (evaluation.confusionMatrix().length == 0) {
            throw new ModelFolderException(root.resolve(EVALUATION) + " has an empty confusion matrix.");
        }
        return evaluation;
    }

    public void writeHistory(TrainingHistory history) throws IOException {
        writeJson(root.resolve(HISTORY), history);
    }

    public void writeEvaluation(Evaluation evaluation) throws IOException {
        writeJson(root.resolve(EVALUATION), evaluation);
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
        try {
            AtomicFiles.makeReadable(staging);
            model.setProperty("Epoch", Integer.toString(epochs));
            model.save(staging, MODEL_NAME);
            Path written = staging.resolve(String.format("%s-%04d.params", MODEL_NAME, epochs));
            String sha = sha256(written);
            String name = String.format("%s-%s-%04d.params", MODEL_NAME, sha.substring(0, 8), epochs);
            AtomicFiles.move(written, root.resolve(name));
            return new SavedParameters(name, sha);
        } finally {
            deleteTree(staging);
        }
    }

    /** The name and SHA-256 of a saved parameters file. */
    public record SavedParameters(String fileName, String sha256) {}

    /**
     * Makes the model that metadata describes the folder's model, then removes parameter files
     * no longer named by it.
     */
    public void commit(ModelMetadata metadata) throws IOException {
        Path params = root.resolve(metadata.paramsFile());
        if (!Files.isRegularFile(params)) {
            throw new IOException("cannot commit " + params + ": the file is not there");
        }
        writeJson(root.resolve(METADATA), metadata);
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (PARAMS_FILE.matcher(name).matches() && !name.equals(metadata.paramsFile())) {
                    Files.deleteIfExists(file);
                }
            }
        }
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

    /** Whether the name is a digits parameters file. */
    public static boolean isParamsFile(String name) {
        return PARAMS_FILE.matcher(name).matches();
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
