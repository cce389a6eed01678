package dev.digits.spark;

import static dev.digits.model.inference.AnswerFields.CONFIDENCE;
import static dev.digits.model.inference.AnswerFields.DIGIT;
import static dev.digits.model.inference.AnswerFields.DIGITS;
import static dev.digits.model.inference.AnswerFields.ERROR;
import static dev.digits.model.inference.AnswerFields.NUMBER;
import static dev.digits.model.inference.AnswerFields.PATH;
import static dev.digits.model.inference.AnswerFields.PROBABILITIES;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import dev.digits.model.inference.AnswerFields;
import dev.digits.model.inference.NumberReading;
import dev.digits.model.inference.Prediction;
import dev.digits.model.inference.Reading;
import dev.digits.model.nn.DigitNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The answers of a job, a row per image: path, digit, confidence, the ten probabilities and the
 * error, the columns of {@code digits predict}; or, reading numbers, path, number, confidence,
 * digits and error. An image that could not be read has only its path and error.
 */
public final class ScoredRows {

    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(PATH, DataTypes.StringType, false),
        DataTypes.createStructField(DIGIT, DataTypes.IntegerType, true),
        DataTypes.createStructField(CONFIDENCE, DataTypes.FloatType, true),
        DataTypes.createStructField(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField(ERROR, DataTypes.StringType, true)
    });


    /** With --numbers: the number, its confidence and each digit with its box (x, y, width, height). */
    public static final StructType NUMBER_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(PATH, DataTypes.StringType, false),
        DataTypes.createStructField(NUMBER, DataTypes.StringType, true),
        DataTypes.createStructField(CONFIDENCE, DataTypes.FloatType, true),
        DataTypes.createStructField(DIGITS, DataTypes.createArrayType(new StructType(new StructField[] {
            DataTypes.createStructField(DIGIT, DataTypes.IntegerType, false),
            DataTypes.createStructField(CONFIDENCE, DataTypes.FloatType, false),
            DataTypes.createStructField(AnswerFields.BOX, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        }), false), true),
        DataTypes.createStructField(ERROR, DataTypes.StringType, true)
    });

    private ScoredRows() {}

    static Row number(String path, NumberReading reading) {
        List<Row> digits = new ArrayList<>();
        for (NumberReading.DigitInNumber digit : reading.digits()) {
            List<Integer> box = new ArrayList<>();
            for (int v : digit.box()) {
                box.add(v);
            }
            digits.add(RowFactory.create(digit.digit(), digit.confidence(), CollectionConverters.asScala(box).toSeq()));
        }
        return RowFactory.create(path, reading.number(), reading.confidence(),
                CollectionConverters.asScala(digits).toSeq(), null);
    }

    static Row row(String path, Reading reading) {
        if (!reading.ok()) {
            return failed(path, reading.error());
        }
        Prediction prediction = reading.prediction();
        List<Float> probabilities = new ArrayList<>(DigitNetwork.CLASSES);
        for (float p : prediction.probabilities()) {
            probabilities.add(p);
        }
        // Rows hold Scala collections.
        return RowFactory.create(path, prediction.digit(), prediction.confidence(),
                CollectionConverters.asScala(probabilities).toSeq(), null);
    }

    /** A row with only its path and error, in either schema: both end with the error. */
    static Row failed(String path, String error) {
        return RowFactory.create(path, null, null, null, error);
    }

    /** How the answers are written. */
    public enum OutputFormat {
        /** Parquet, the default: typed columns, probabilities as an array. */
        PARQUET,
        /** CSV with a header; the probabilities as ten columns p0 to p9. */
        CSV,
        /** JSON lines, one object per image. */
        JSON;

        /** The answers in the columns this format can hold. */
        public Dataset<Row> columns(Dataset<Row> answers) {
            if (this != CSV) {
                return answers;
            }
            if (List.of(answers.columns()).contains(NUMBER)) {
                // CSV holds no lists: each number's digits as one JSON text.
                return answers.select(col(PATH), col(NUMBER), col(CONFIDENCE), to_json(col(DIGITS)).as(DIGITS),
                        col(ERROR));
            }
            List<Column> columns = new ArrayList<>(List.of(col(PATH), col(DIGIT), col(CONFIDENCE)));
            for (int d = 0; d < DigitNetwork.CLASSES; d++) {
                columns.add(col(PROBABILITIES).getItem(d).as(AnswerFields.probabilityColumn(d)));
            }
            columns.add(col(ERROR));
            return answers.select(columns.toArray(Column[]::new));
        }

        /** Spark's name for the format. */
        public String sparkName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
