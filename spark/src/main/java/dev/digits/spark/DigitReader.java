package dev.digits.spark;

import dev.digits.cli.BatchReadingOptions;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.inference.AnswerFields;
import dev.digits.model.inference.DigitRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark ML pipeline stage that reads the digit, or the whole number, in the image of each row:
 * the rows of {@link ScoredRows#SCHEMA} (or {@link ScoredRows#NUMBER_SCHEMA}), one per input row,
 * an image that cannot be read a row with its error. {@code digits-spark} is a command over it.
 *
 * <p>Input: a text column that names each image ({@link #pathCol}, {@code path}), and a binary
 * column of its bytes ({@link #bytesCol}, {@code content}: Spark's {@code binaryFile} source reads
 * as it expects); where the table has no such column (and none was set), each task reads the files
 * its rows name, on any file system Hadoop reads. A row without bytes is an error row. A text column
 * of errors already known ({@link #errorCol}, none by default) passes through.
 *
 * <p>The model is checked on the driver when {@link #transform} is called; each executor JVM loads
 * it once, lazily, and shares it among its tasks ({@link ExecutorModel}). The folder is read at
 * {@link #modelPath} on every executor (a shared file system), or from the archive named by
 * {@link #modelArchive} that the job ships ({@code spark.archives}), as {@code digits-spark} does.
 * Saved with a pipeline, the stage keeps its parameters, not the model.
 */
public final class DigitReader extends Transformer implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;
    private static final Logger logger = LoggerFactory.getLogger(DigitReader.class);

    private final String uid;
    private final Param<String> modelPath;
    private final Param<String> modelArchive;
    private final Param<String> pathCol;
    private final Param<String> bytesCol;
    private final Param<String> errorCol;
    private final BooleanParam numbers;
    private final IntParam batchSize;
    private final LongParam maxPixels;
    private final LongParam maxBytes;

    public DigitReader() {
        this(Identifiable.randomUID("digitReader"));
    }

    /** With the given id: how a saved pipeline makes its stage again. */
    public DigitReader(String uid) {
        this.uid = uid;
        modelPath = new Param<>(this, "modelPath", "the model folder, at this path on the driver and every executor"
                + " unless modelArchive names it shipped with the job");
        modelArchive = new Param<>(this, "modelArchive", "the name of the model folder's archive shipped with the"
                + " job (spark.archives, as digits-spark does), or empty: the folder is read at modelPath");
        pathCol = new Param<>(this, "pathCol", "the column that names each image (a path, or any name with bytesCol)");
        bytesCol = new Param<>(this, "bytesCol", "the binary column of image bytes, used where the table has it"
                + " (or wherever set); empty, or absent by default: images are read from their paths");
        errorCol = new Param<>(this, "errorCol", "a text column of errors already known, which pass through"
                + " (empty: none)");
        numbers = new BooleanParam(this, "numbers", "read each image as a whole number, not as one digit");
        batchSize = new IntParam(this, "batchSize", "images per forward pass, 1 to " + BatchReadingOptions.MAX_BATCH,
                ParamValidators.inRange(1, BatchReadingOptions.MAX_BATCH));
        maxPixels = new LongParam(this, "maxPixels", "largest image in pixels, refused before decoding",
                ParamValidators.gtEq(1));
        maxBytes = new LongParam(this, "maxBytes", "largest file read from a path, in bytes",
                ParamValidators.inRange(1, Integer.MAX_VALUE - 8));
        setDefault(modelArchive, "");
        setDefault(pathCol, AnswerFields.PATH);
        setDefault(bytesCol, ImageRows.CONTENT);
        setDefault(errorCol, "");
        setDefault(numbers, false);
        setDefault(batchSize, BatchReadingOptions.DEFAULT_BATCH);
        setDefault(maxPixels, DigitRecognizer.DEFAULT_MAX_PIXELS);
        setDefault(maxBytes, ImageDecoder.MAX_FILE_BYTES);
    }

    /** Makes a saved pipeline's stage again (Spark finds it by this name). */
    public static MLReader<DigitReader> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a stage saved on its own. */
    public static DigitReader load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> modelPath() {
        return modelPath;
    }

    public Param<String> modelArchive() {
        return modelArchive;
    }

    public Param<String> pathCol() {
        return pathCol;
    }

    public Param<String> bytesCol() {
        return bytesCol;
    }

    public Param<String> errorCol() {
        return errorCol;
    }

    public BooleanParam numbers() {
        return numbers;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public LongParam maxPixels() {
        return maxPixels;
    }

    public LongParam maxBytes() {
        return maxBytes;
    }

    public DigitReader setModelPath(String value) {
        return (DigitReader) set(modelPath, value);
    }

    public DigitReader setModelArchive(String value) {
        return (DigitReader) set(modelArchive, value);
    }

    public DigitReader setPathCol(String value) {
        return (DigitReader) set(pathCol, value);
    }

    public DigitReader setBytesCol(String value) {
        return (DigitReader) set(bytesCol, value);
    }

    public DigitReader setErrorCol(String value) {
        return (DigitReader) set(errorCol, value);
    }

    public DigitReader setNumbers(boolean value) {
        return (DigitReader) set(numbers, value);
    }

    public DigitReader setBatchSize(int value) {
        return (DigitReader) set(batchSize, value);
    }

    public DigitReader setMaxPixels(long value) {
        return (DigitReader) set(maxPixels, value);
    }

    public DigitReader setMaxBytes(long value) {
        return (DigitReader) set(maxBytes, value);
    }

    private boolean readsNumbers() {
        return (Boolean) getOrDefault(numbers);
    }

    /** The column used where it was set, or by default where the table has it: else none. */
    private String column(Param<String> param, StructType schema) {
        String name = getOrDefault(param);
        if (name.isEmpty()) {
            return null;
        }
        return isSet(param) || java.util.Arrays.asList(schema.fieldNames()).contains(name) ? name : null;
    }

    /**
     * The answers' schema, after checking the input's columns and the model's path: a wrong table
     * fails here, before any job runs.
     */
    @Override
    public StructType transformSchema(StructType schema) {
        folder();
        ImageRows.checkColumns(schema, getOrDefault(pathCol), column(bytesCol, schema), column(errorCol, schema),
                "the input");
        return answers();
    }

    /** The answers' schema: a digit's, or a number's. */
    private StructType answers() {
        return readsNumbers() ? ScoredRows.NUMBER_SCHEMA : ScoredRows.SCHEMA;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        // The input first: a wrong table fails before the model is loaded.
        transformSchema(dataset.schema());
        return transform(dataset, executorModel(dataset.sparkSession()));
    }

    /** The answers, read with a model the driver has checked. */
    Dataset<Row> transform(Dataset<?> dataset, ExecutorModel model) {
        // ImageRows.of checks the columns, as transformSchema does.
        Dataset<Row> images = ImageRows.of(dataset.toDF(), getOrDefault(pathCol), column(bytesCol, dataset.schema()),
                column(errorCol, dataset.schema()), "the input");
        return images.mapPartitions(new PartitionScorer(model, (Integer) getOrDefault(batchSize),
                (Long) getOrDefault(maxBytes), readsNumbers()), Encoders.row(answers()));
    }

    /**
     * The model as each executor loads it, checked here first: a missing or damaged folder fails
     * now, not in the tasks. With Spark embedded this JVM is the executor, and it keeps the model
     * it loaded for the tasks.
     *
     * @throws IllegalArgumentException if the folder does not exist
     */
    ExecutorModel executorModel(SparkSession spark) {
        Path folder = folder();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("the model folder " + folder + " does not exist (train one with"
                    + " 'digits train')");
        }
        EngineSelection selection = EngineSelection.fromEnvironment();
        String archive = getOrDefault(modelArchive);
        String paramsSha256 = new ModelFolder(folder).readMetadata().paramsSha256();
        boolean embedded = spark.sparkContext().isLocal();
        ExecutorModel model = new ExecutorModel(archive.isEmpty() || embedded ? folder.toString() : archive,
                !archive.isEmpty() && !embedded, paramsSha256, selection.engine().djlName(),
                selection.device().toString(), (Long) getOrDefault(maxPixels));
        DigitRecognizer recognizer = embedded ? model.recognizer() : DigitRecognizer.builder(folder)
                .optRuntime(EngineRuntime.activate(selection)).optPoolSize(1).build();
        try {
            logger.info("Reading images with the {} model {} ({} parameters) on {} {} (the driver's {}), Spark master {}",
                    recognizer.metadata().architecture(), folder, recognizer.metadata().parameterCount(),
                    recognizer.engineName(), recognizer.engineVersion(), recognizer.device(), spark.sparkContext().master());
            if (!recognizer.metadata().paramsSha256().equals(paramsSha256)) {
                throw new IllegalStateException("the model at " + folder + " changed while it was loaded; run again");
            }
        } finally {
            if (!embedded) {
                // Loaded to check it; the executors load their own.
                recognizer.close();
            }
        }
        return model;
    }

    /** The model folder, as an absolute path. */
    private Path folder() {
        if (!isDefined(modelPath) || getOrDefault(modelPath).isBlank()) {
            throw new IllegalArgumentException("DigitReader has no model: set its modelPath to a model folder");
        }
        return Path.of(getOrDefault(modelPath)).toAbsolutePath().normalize();
    }

    @Override
    public DigitReader copy(ParamMap extra) {
        return (DigitReader) defaultCopy(extra);
    }
}
