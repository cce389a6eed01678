import dev.digits.spark.DigitReader;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The DigitReader pipeline stage as a user's program runs it, for bench/spark.sh beside the
 * digits-spark command: Spark embedded (local[2], and the command's settings: 64 KiB a file,
 * no web UI), the folder read with Spark's binaryFile source, a Pipeline of one DigitReader, the
 * answers written as Parquet. Timed by the script as a whole command.
 *
 * <p>Usage: java $OPENS -cp 'spark/target/lib/*:spark/target/digits-spark.jar' bench/PipelineThroughput.java
 * MODEL_DIR FOLDER OUTPUT
 */
public class PipelineThroughput {
    public static void main(String[] args) throws Exception {
        try (SparkSession spark = SparkSession.builder().appName("pipeline").master("local[2]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.files.openCostInBytes", "65536")
                .getOrCreate()) {
            Dataset<Row> images = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                    .option("pathGlobFilter", "*.png").load(args[1]);
            DigitReader reader = new DigitReader().setModelPath(args[0]);
            Dataset<Row> answers = new Pipeline().setStages(new PipelineStage[] {reader}).fit(images)
                    .transform(images);
            answers.write().mode("overwrite").parquet(args[2]);
            long read = spark.read().parquet(args[2]).where("error IS NULL").count();
            System.out.printf(Locale.ROOT, "%d images read%n", read);
        }
    }
}
