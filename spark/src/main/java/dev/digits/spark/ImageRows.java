package dev.digits.spark;

import static dev.digits.model.inference.AnswerFields.ERROR;
import static dev.digits.model.inference.AnswerFields.PATH;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The images of a job as rows of {@link #SCHEMA}: a path that names each image, and its bytes, or
 * the reason it has none. A row with neither bytes nor error is read from its path by the task
 * that scores it. Image files become such rows here; a table's rows, in {@link DigitReader}.
 */
public final class ImageRows {

    public static final String CONTENT = "content";

    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(PATH, DataTypes.StringType, false),
        DataTypes.createStructField(CONTENT, DataTypes.BinaryType, true),
        DataTypes.createStructField(ERROR, DataTypes.StringType, true)
    });

    /** The image files a folder holds, in any letter case of their extension. */
    public static final String DEFAULT_FILTER = "*.{png,PNG,Png,jpg,JPG,Jpg,jpeg,JPEG,Jpeg,gif,GIF,Gif,bmp,BMP,Bmp}";

    private ImageRows() {}

    /**
     * Image files read with Spark's {@code binaryFile} source: files, folders (searched
     * recursively) and globs, on any file system Spark reads. A file over {@code maxBytes} is a row
     * with its error: its bytes are never read (the source skips files by length).
     */
    public static Dataset<Row> files(SparkSession spark, List<String> paths, String filter, long maxBytes) {
        // One listing for both: the source lists the files when it is loaded.
        Dataset<Row> listed = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .option("pathGlobFilter", filter).load(paths.toArray(String[]::new));
        Dataset<Row> small = listed.where(col("length").leq(maxBytes))
                .select(col(PATH), col(CONTENT), lit(null).cast(DataTypes.StringType).as(ERROR));
        // Rare, and listed without their bytes: the source skips files by length before it reads.
        Dataset<Row> large = listed.where(col("length").gt(maxBytes))
                .select(col(PATH), lit(null).cast(DataTypes.BinaryType).as(CONTENT),
                        concat(lit("the file is "), col("length").cast(DataTypes.StringType),
                                lit(" bytes; at most " + maxBytes + " are read")).as(ERROR));
        return small.unionAll(large);
    }

    /**
     * A table (Parquet or CSV) that names its images, its columns checked: a path column, read by
     * the tasks, or a path column that names each row and a binary column that holds the image.
     *
     * @throws IllegalArgumentException if a column is missing or of the wrong type
     */
    public static Dataset<Row> table(SparkSession spark, String location, TableFormat format, String pathColumn,
            String bytesColumn) {
        Dataset<Row> table = format == TableFormat.CSV
                ? spark.read().option("header", "true").csv(location)
                : spark.read().parquet(location);
        checkColumns(table.schema(), pathColumn, bytesColumn, null, "the table " + location);
        return table;
    }

    /**
     * Any table's images as rows of {@link #SCHEMA}: its path column, its binary column of image
     * bytes (or none: the tasks read each path), and its column of errors already known (or none).
     *
     * @param what the table, as an error names it
     * @throws IllegalArgumentException if a column is missing or of the wrong type
     */
    static Dataset<Row> of(Dataset<Row> table, String pathColumn, String bytesColumn, String errorColumn,
            String what) {
        checkColumns(table.schema(), pathColumn, bytesColumn, errorColumn, what);
        Column path = col(pathColumn).cast(DataTypes.StringType);
        Column id = named(path);
        Column known = errorColumn == null ? lit(null).cast(DataTypes.StringType) : col(errorColumn);
        if (bytesColumn == null) {
            return table.select(id.as(PATH), lit(null).cast(DataTypes.BinaryType).as(CONTENT),
                    when(path.isNull(), lit("the row has no path")).otherwise(known).as(ERROR));
        }
        return table.select(id.as(PATH), col(bytesColumn).as(CONTENT),
                when(known.isNotNull(), known).when(col(bytesColumn).isNull(), lit("the row has no image bytes"))
                        .otherwise(lit(null).cast(DataTypes.StringType)).as(ERROR));
    }

    /**
     * Checks a table's columns before any job runs: the path column there, the bytes column (where
     * named) binary, the error column (where named) text.
     *
     * @throws IllegalArgumentException naming the column and what it should be
     */
    static void checkColumns(StructType schema, String pathColumn, String bytesColumn, String errorColumn,
            String what) {
        List<String> columns = Arrays.asList(schema.fieldNames());
        requireColumn(columns, pathColumn, what);
        if (bytesColumn != null) {
            requireColumn(columns, bytesColumn, what);
            if (!schema.apply(bytesColumn).dataType().equals(DataTypes.BinaryType)) {
                throw new IllegalArgumentException("column '" + bytesColumn + "' of " + what + " is "
                        + schema.apply(bytesColumn).dataType().simpleString() + ", not binary: image bytes are read"
                        + " from a binary column");
            }
        }
        if (errorColumn != null) {
            requireColumn(columns, errorColumn, what);
            if (!schema.apply(errorColumn).dataType().equals(DataTypes.StringType)) {
                throw new IllegalArgumentException("column '" + errorColumn + "' of " + what + " is "
                        + schema.apply(errorColumn).dataType().simpleString() + ", not string: it holds errors");
            }
        }
    }

    /** A row without a path is still one output row, named by its place. */
    private static Column named(Column path) {
        return coalesce(path,
                concat(lit("row "), monotonically_increasing_id()
                        .cast(DataTypes.StringType)));
    }

    private static void requireColumn(List<String> columns, String name, String what) {
        if (!columns.contains(name)) {
            throw new IllegalArgumentException(what + " has no column '" + name + "'; its columns: "
                    + String.join(", ", columns));
        }
    }

    /** How a table of images is stored. */
    public enum TableFormat {
        PARQUET, CSV;

        /** The format a file name says, Parquet unless it ends in .csv. */
        public static TableFormat of(String location) {
            return location.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : PARQUET;
        }
    }
}
