package dev.digits.model.folder;

import dev.digits.model.nn.Architecture;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model folder's {@code serving.properties}: what DJL's {@code Criteria} (and DJL Serving)
 * read to load the folder, and the folder's commit point. It names the block factory and
 * translator factory, the architecture and its arguments, and the model's own parameters and
 * metadata files; DJL finds the parameters file from {@code option.modelName} and
 * {@code option.epoch}.
 *
 * @param architecture the network
 * @param architectureArguments its block factory's arguments
 * @param paramsFile the parameters file, {@code digits-SHA8-00NN.params}
 * @param paramsSha256 its SHA-256
 * @param parameterCount how many weights the network has
 */
public record ServingProperties(
        Architecture architecture,
        Map<String, String> architectureArguments,
        String paramsFile,
        String paramsSha256,
        long parameterCount) {

    public static final String FILE = "serving.properties";
    public static final String BLOCK_FACTORY = "dev.digits.model.zoo.ModelFolderBlockFactory";
    public static final String TRANSLATOR_FACTORY = "dev.digits.model.zoo.DigitTranslatorFactory";

    private static final String BLOCK_FACTORY_KEY = "blockFactory";
    private static final String TRANSLATOR_FACTORY_KEY = "translatorFactory";
    static final String FORMAT = "digitsFormat";
    static final String ARCHITECTURE = "architecture";
    static final String PARAMS_FILE = "paramsFile";
    static final String PARAMS_SHA256 = "paramsSha256";
    static final String PARAMETER_COUNT = "parameterCount";
    static final String METADATA = "metadata";
    private static final String MODEL_NAME = "option.modelName";
    private static final String EPOCH = "option.epoch";
    static final Pattern PARAMS_NAME = Pattern.compile("(digits-([0-9a-f]{8}))-(\\d{4})\\.params");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ServingProperties {
        Matcher name = PARAMS_NAME.matcher(paramsFile);
        if (!name.matches() || !SHA256.matcher(paramsSha256).matches() || !paramsSha256.startsWith(name.group(2))) {
            throw new IllegalArgumentException("parameters file " + paramsFile + " and SHA-256 " + paramsSha256
                    + " do not belong together");
        }
        architectureArguments = java.util.Collections.unmodifiableMap(new TreeMap<>(architectureArguments));
    }

    /** The description of a committed model's files. */
    public static ServingProperties of(ModelMetadata metadata) {
        return new ServingProperties(Architecture.parse(metadata.architecture()), metadata.architectureArguments(),
                metadata.paramsFile(), metadata.paramsSha256(), metadata.parameterCount());
    }

    /** DJL's name of the weights, {@code digits-SHA8}: with {@link #epoch()} it names the parameters file. */
    public String modelName() {
        Matcher name = PARAMS_NAME.matcher(paramsFile);
        name.matches();
        return name.group(1);
    }

    /** The epochs the weights were trained for, as their file name says. */
    public int epoch() {
        Matcher name = PARAMS_NAME.matcher(paramsFile);
        name.matches();
        return Integer.parseInt(name.group(3));
    }

    /** The name of this model's metadata file: {@code metadata-SHA8.json}. */
    public String metadataFile() {
        return "metadata-" + paramsSha256.substring(0, 8) + ".json";
    }

    /** Every key and value, as the file holds them. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("application", "cv/image_classification");
        map.put(BLOCK_FACTORY_KEY, BLOCK_FACTORY);
        map.put(TRANSLATOR_FACTORY_KEY, TRANSLATOR_FACTORY);
        map.put(MODEL_NAME, modelName());
        map.put(EPOCH, Integer.toString(epoch()));
        map.put(FORMAT, Integer.toString(ModelFolder.FORMAT_VERSION));
        map.put(ARCHITECTURE, architecture.id());
        map.putAll(architectureArguments);
        map.put(PARAMETER_COUNT, Long.toString(parameterCount));
        map.put(PARAMS_FILE, paramsFile);
        map.put(PARAMS_SHA256, paramsSha256);
        map.put(METADATA, metadataFile());
        return map;
    }

    /** Writes the file atomically: this is the moment the model becomes the folder's model. */
    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# A digits model, loaded by DJL: Criteria.builder().optModelPath(<this folder>).\n")
                .append("# Written by digits when it saved the model: it names the model's own weights and metadata.\n");
        toMap().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads and checks a folder's serving.properties.
     *
     * @throws ModelFolderException naming the file and what is wrong
     */
    static ServingProperties read(Path file) {
        ReadCounts.SERVING_PROPERTIES.increment();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ModelFolderException(file + " is missing.", e);
        } catch (IOException e) {
            throw new ModelFolderException("cannot read " + file + ": " + e.getMessage() + ".", e);
        }
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFolderException(file + " is not a valid properties file: " + e.getMessage() + ".", e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key).trim()));
        // Without these DJL would look for factories among the folder's own classes and jars, and
        // run what it found, or read weights the checks below never saw.
        for (String key : List.of(FORMAT, BLOCK_FACTORY_KEY, TRANSLATOR_FACTORY_KEY, MODEL_NAME, EPOCH)) {
            text(map, key, file);
        }
        return fromMap(map, file);
    }

    /**
     * Checks keys and values read from the file, or given to a block factory by DJL.
     *
     * @param source the file, named in errors
     */
    public static ServingProperties fromMap(Map<String, ?> map, Path source) {
        String format = text(map, FORMAT, source);
        if (!format.equals(Integer.toString(ModelFolder.FORMAT_VERSION))) {
            throw new ModelFolderException(source + " has model folder format " + format
                    + ", but this version of digits reads format " + ModelFolder.FORMAT_VERSION + ".");
        }
        for (Map.Entry<String, String> factory : Map.of(BLOCK_FACTORY_KEY, BLOCK_FACTORY, TRANSLATOR_FACTORY_KEY,
                TRANSLATOR_FACTORY).entrySet()) {
            Object named = map.get(factory.getKey());
            // DJL hands over the factory itself when the loader gave one, its class name when the file did.
            String name = named == null || named instanceof String ? (String) named : named.getClass().getName();
            if (name != null && !factory.getValue().equals(name.trim())) {
                throw new ModelFolderException(source + " names " + factory.getKey() + " " + named
                        + "; a digits model folder's is " + factory.getValue() + ".");
            }
        }
        Architecture architecture;
        try {
            architecture = Architecture.parse(text(map, ARCHITECTURE, source));
        } catch (IllegalArgumentException e) {
            throw new ModelFolderException(source + ": " + e.getMessage() + ".", e);
        }
        String paramsFile = text(map, PARAMS_FILE, source);
        Matcher name = PARAMS_NAME.matcher(paramsFile);
        if (!name.matches()) {
            throw new ModelFolderException(source + ": " + PARAMS_FILE + " is '" + paramsFile
                    + "', not a digits parameters file name (digits-SHA8-00NN.params).");
        }
        String sha = text(map, PARAMS_SHA256, source);
        if (!SHA256.matcher(sha).matches() || !sha.startsWith(name.group(2))) {
            throw new ModelFolderException(source + ": " + PARAMS_SHA256 + " is '" + sha
                    + "', which is not the SHA-256 that " + paramsFile + " is named by.");
        }
        // When DJL hands the arguments over, its options are not among them.
        if (map.containsKey(MODEL_NAME) || map.containsKey(EPOCH)) {
            String expected = text(map, MODEL_NAME, source) + "-"
                    + String.format(Locale.ROOT, "%04d", integer(map, EPOCH, source)) + ".params";
            if (!expected.equals(paramsFile)) {
                throw new ModelFolderException(source + ": " + MODEL_NAME + " and " + EPOCH + " name " + expected
                        + " but " + PARAMS_FILE + " is " + paramsFile + "; DJL would load other weights.");
            }
        }
        long parameterCount = integer(map, PARAMETER_COUNT, source);
        Map<String, String> arguments = new TreeMap<>();
        for (String key : architecture.defaultArguments().keySet()) {
            arguments.put(key, text(map, key, source));
        }
        // The arguments' values are the network's own to check: loading counts its weights before it
        // builds it (ModelFolderBlockFactory), and reading the file need not build it.
        ServingProperties read = new ServingProperties(architecture, arguments, paramsFile, sha, parameterCount);
        String metadata = text(map, METADATA, source);
        if (!metadata.equals(read.metadataFile())) {
            throw new ModelFolderException(source + ": " + METADATA + " is '" + metadata + "' but the metadata of "
                    + paramsFile + " is " + read.metadataFile() + ".");
        }
        return read;
    }

    private static String text(Map<String, ?> map, String key, Path source) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ModelFolderException(source + " has no " + key + "; the file is damaged or was not written by"
                    + " digits.");
        }
        return value.toString().trim();
    }

    private static long integer(Map<String, ?> map, String key, Path source) {
        String value = text(map, key, source);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ModelFolderException(source + ": " + key + " is '" + value + "', not a whole number.", e);
        }
    }
}
