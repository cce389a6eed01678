package dev.digits.spark;

import dev.digits.cli.BatchReadingOptions;
import dev.digits.cli.ErrorPolicy;
import dev.digits.cli.ManifestVersion;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.inference.AnswerFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code digits-spark}: reads the digit in every image of a collection on Apache Spark and writes
 * a row per image. Embedded ({@code local[*]}) when started with {@code java -jar}, or on a
 * cluster through {@code spark-submit}.
 */
@Command(name = "digits-spark", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ManifestVersion.class, subcommands = {dev.digits.spark.training.SparkTuneCommand.class,
            dev.digits.spark.training.SparkTrainCommand.class},
        description = {"Reads the digit in every image of a collection on Apache Spark: one model per executor,"
                + " images in batches, a row per image (path, digit, confidence, probabilities, error).",
            "A corrupt, blank or oversized image is a row with its error; the job goes on. The exit code is 1"
                + " when no image could be read.",
            "digits-spark tune and digits-spark train run a search's trials, or an ensemble's members, as tasks of"
                + " the cluster."})
public final class DigitsSpark implements Callable<Integer> {

    private static final Logger logger = LoggerFactory.getLogger(DigitsSpark.class);

    /**
     * What Spark counts a file as when it packs files into partitions, unless the user says: 64 KiB,
     * not its 4 MiB, for image files of a few kilobytes. With 4 MiB a partition held 32 images:
     * 2,000 PNG digits took 64 tasks and 8.5 s on local[2]; with 64 KiB, 3 tasks and 5.3 s (the
     * job's own time, one sitting; bench/spark.sh measures whole runs).
     */
    static final String OPEN_COST = "spark.sql.files.openCostInBytes";
    static final String IMAGE_OPEN_COST = "65536";

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Image files, folders (searched recursively) or globs, on any file system Spark reads.")
    List<String> paths = List.of();

    @Option(names = "--table", paramLabel = "TABLE",
            description = "Read the images named by a Parquet or CSV table instead (see --path-column, --bytes-column).")
    String table;

    @Option(names = "--path-column", defaultValue = "path", paramLabel = "NAME",
            description = "The table's column of image paths, or of names when --bytes-column is given"
                    + " (default: ${DEFAULT-VALUE}).")
    String pathColumn;

    @Option(names = "--bytes-column", paramLabel = "NAME",
            description = "The Parquet table's binary column of image bytes.")
    String bytesColumn;

    @Option(names = {"-m", "--model"}, defaultValue = ModelFolder.DEFAULT_DIR, paramLabel = "DIR",
            description = "The model folder on the driver (default: ${DEFAULT-VALUE}); shipped with the job"
                    + " unless --shared-model.")
    Path model;

    @Option(names = "--shared-model",
            description = "The model folder is at the same path on every executor (a shared file system):"
                    + " do not ship it.")
    boolean sharedModel;

    @Option(names = "--numbers",
            description = "Read each image as a whole number of one or more digits: number, confidence and each"
                    + " digit with its box.")
    boolean numbers;

    // Checked in call(), not by picocli: picocli would ask the tune subcommand for it too.
    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where to write the answers (a folder, as Spark writes tables); required.")
    String output;

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet, csv or json (JSON lines), in any letter case (default: ${DEFAULT-VALUE}).")
    ScoredRows.OutputFormat outputFormat;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    @Option(names = "--filter", defaultValue = ImageRows.DEFAULT_FILTER, paramLabel = "GLOB",
            description = "Which files of the folders are images (default: PNG, JPEG, GIF and BMP files).")
    String filter;

    /** What --master means, in each command that takes it. */
    public static final String MASTER_HELP = "Spark's master (default: spark-submit's, else local[*]: Spark embedded).";

    @Option(names = "--master", paramLabel = "URL", description = MASTER_HELP)
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spread the images over N partitions (default: as Spark splits the input).")
    Integer partitions;

    @Mixin
    BatchReadingOptions reading;

    @Option(names = "--max-bytes", defaultValue = "" + ImageDecoder.MAX_FILE_BYTES, paramLabel = "N",
            description = "Largest file in bytes; larger ones are not read (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return ErrorPolicy.commandLine("digits-spark", new DigitsSpark(), AnalysisException.class).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        Path folder = model.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("the model folder " + folder + " does not exist (train one with"
                    + " 'digits train', or pass --model DIR)");
        }
        String chosenMaster = SparkSessions.master(master);
        boolean embedded = chosenMaster.startsWith("local");
        DigitReader reader = new DigitReader().setModelPath(folder.toString()).setNumbers(numbers)
                .setBatchSize(reading.batchSize()).setMaxPixels(reading.maxPixels()).setMaxBytes(maxBytes);
        String archive = null;
        if (!embedded && !sharedModel) {
            // Named by its weights, so that two models never share a name on an executor.
            String name = "digits-model-" + new ModelFolder(folder).readMetadata().paramsSha256().substring(0, 12);
            archive = ModelArchive.pack(folder, name + ".zip").toUri() + "#" + name;
            reader.setModelArchive(name);
        }
        try (SparkSession spark = session(archive, chosenMaster)) {
            OutputFolder out = new OutputFolder(new org.apache.hadoop.fs.Path(output)
                    .getFileSystem(spark.sparkContext().hadoopConfiguration()), output);
            boolean existed = out.exists();
            if (!overwrite && existed) {
                throw new IllegalArgumentException("the output " + output
                        + " exists; choose another or pass --overwrite to replace it");
            }
            if (overwrite) {
                out.checkReplaceable(table != null ? List.of(table) : paths, folder);
            }
            Dataset<Row> images;
            if (table != null) {
                images = ImageRows.table(spark, table, ImageRows.TableFormat.of(table), pathColumn, bytesColumn);
                reader.setPathCol(pathColumn).setBytesCol(bytesColumn == null ? "" : bytesColumn);
            } else {
                images = ImageRows.files(spark, paths, filter, maxBytes);
                reader.setErrorCol(AnswerFields.ERROR);
            }
            if (partitions != null) {
                images = images.repartition(partitions);
            }
            // Checked here first, so that a missing or damaged model fails now, not in the tasks.
            ExecutorModel checked = reader.executorModel(spark);
            try {
                Dataset<Row> answers = reader.transform(images, checked);
                outputFormat.columns(answers).write().mode(overwrite ? "overwrite" : "errorifexists")
                        .option("header", "true").format(outputFormat.sparkName()).save(output);
            } catch (Exception e) {
                // Scala throws SparkException without declaring it.
                if (!(e instanceof SparkException)) {
                    throw e;
                }
                logger.debug("the job failed", e);
                if (!existed) {
                    // Spark leaves the folder of a failed job behind; it holds nothing of the user's.
                    out.deleteLeftovers();
                }
                throw JobFailedException.of(e);
            } finally {
                checked.release();
            }
            out.markWritten(checked.paramsSha256());
            return report(spark);
        }
    }

    private void checkOptions() {
        if (output == null) {
            throw new IllegalArgumentException("name the output folder: -o DIR");
        }
        if (table == null && paths.isEmpty()) {
            throw new IllegalArgumentException("name the images: image files, folders or globs, or --table TABLE");
        }
        if (table != null && !paths.isEmpty()) {
            throw new IllegalArgumentException("give either image paths or --table, not both");
        }
        if (bytesColumn != null && table == null) {
            throw new IllegalArgumentException("--bytes-column needs --table");
        }
        reading.check();
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--max-bytes must be between 1 and " + (Integer.MAX_VALUE - 8)
                    + ", got " + maxBytes);
        }
    }

    /**
     * The Spark session, shipping the archive with the job, as {@code --archives} does: executors
     * fetch it when they start (Spark 4 sessions keep files added later to themselves).
     */
    private SparkSession session(String archive, String chosenMaster) {
        SparkSession.Builder builder = SparkSessions.builder("digits-spark", master);
        if (archive != null) {
            String given = System.getProperty("spark.archives");
            builder.config("spark.archives", given == null || given.isBlank() ? archive : given + "," + archive);
        }
        if (System.getProperty(OPEN_COST) == null) {
            builder.config(OPEN_COST, IMAGE_OPEN_COST);
        }
        return builder.getOrCreate();
    }

    /** Counts what was read from the output itself: tasks that ran twice wrote their rows once. */
    private int report(SparkSession spark) {
        // With the schema written: JSON leaves out null fields, and a run without errors has none.
        StructType schema = outputFormat.columns(spark.createDataFrame(List.of(),
                numbers ? ScoredRows.NUMBER_SCHEMA : ScoredRows.SCHEMA)).schema();
        Dataset<Row> written = spark.read().format(outputFormat.sparkName()).schema(schema).option("header", "true")
                .load(output);
        Row counts = written.selectExpr("count(*)", "count(" + AnswerFields.ERROR + ")").first();
        long total = counts.getLong(0);
        long failed = counts.getLong(1);
        String summary = String.format(Locale.ROOT, "digits-spark: %d image(s): %d read, %d with an error; answers in %s (%s)",
                total, total - failed, failed, output, outputFormat.sparkName());
        System.out.println(summary);
        if (total == 0) {
            System.err.println("digits-spark: error: no image was found (the filter is " + filter + ")");
            return ErrorPolicy.EXIT_INPUT;
        }
        return total == failed ? ErrorPolicy.EXIT_INPUT : ErrorPolicy.EXIT_OK;
    }
}
