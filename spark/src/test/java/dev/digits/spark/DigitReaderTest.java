package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DigitReader, the pipeline stage: saved and loaded in a Pipeline, it gives digits-spark's rows. */
class DigitReaderTest {

    private static final StructType TABLE = new StructType().add("name", DataTypes.StringType)
            .add("label", DataTypes.IntegerType).add("image", DataTypes.BinaryType);

    @TempDir
    Path dir;

    private List<Row> table(List<Path> digits) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Path file : digits) {
            rows.add(RowFactory.create(file.getFileName().toString(), 7, Files.readAllBytes(file)));
        }
        rows.add(RowFactory.create("corrupt", 7, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}));
        rows.add(RowFactory.create("empty", 7, null));
        return rows;
    }

    private static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("DigitReaderTest")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @Test
    void aSavedAndLoadedPipelineGivesTheCommandsRowsAndBadRowsAreErrorRows() throws Exception {
        List<Row> rows = table(TestImages.writeDigits(dir.resolve("images"), 0, 24));
        Path table = dir.resolve("table");
        try (SparkSession spark = session()) {
            spark.createDataFrame(rows, TABLE).write().parquet(table.toString());
        }
        // The command, on the same table.
        Path commandAnswers = dir.resolve("command");
        JobOutput run = JobOutput.run("--master", "local[2]", "-m", TestImages.model().toString(), "-o",
                commandAnswers.toString(), "--format", "json", "--table", table.toString(), "--path-column", "name",
                "--bytes-column", "image", "--batch-size", "8");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode row : JobOutput.jsonRows(commandAnswers)) {
            expected.put(row.get("path").asText(), row);
        }

        Path saved = dir.resolve("pipeline");
        try (SparkSession spark = session()) {
            Dataset<Row> images = spark.read().parquet(table.toString());
            DigitReader reader = new DigitReader().setModelPath(TestImages.model().toString()).setPathCol("name")
                    .setBytesCol("image").setBatchSize(8);
            new Pipeline().setStages(new PipelineStage[] {reader}).fit(images).write().save(saved.toString());

            PipelineModel loaded = PipelineModel.load(saved.toString());
            DigitReader stage = (DigitReader) loaded.stages()[0];
            assertThat(stage.uid()).isEqualTo(reader.uid());
            assertThat(stage.getOrDefault(stage.batchSize())).isEqualTo(8);
            assertThat(stage.getOrDefault(stage.bytesCol())).isEqualTo("image");

            List<Row> answers = loaded.transform(images).collectAsList();
            assertThat(answers).hasSize(rows.size());
            for (Row answer : answers) {
                JsonNode command = expected.get(answer.getString(0));
                assertThat(command).as(answer.getString(0)).isNotNull();
                if (command.has("error")) {
                    assertThat(answer.getString(4)).isEqualTo(command.get("error").asText());
                    assertThat(answer.isNullAt(1)).isTrue();
                    continue;
                }
                assertThat(answer.isNullAt(4)).as(answer.toString()).isTrue();
                assertThat(answer.getInt(1)).isEqualTo(command.get("digit").asInt());
                List<Float> probabilities = answer.getList(3);
                for (int d = 0; d < 10; d++) {
                    assertThat(probabilities.get(d)).isEqualTo(command.get("probabilities").get(d).floatValue());
                }
            }
            Map<String, String> errors = new HashMap<>();
            answers.stream().filter(a -> !a.isNullAt(4)).forEach(a -> errors.put(a.getString(0), a.getString(4)));
            assertThat(errors).containsOnlyKeys("corrupt", "empty");
            assertThat(errors.get("corrupt")).contains("not an image");
            assertThat(errors.get("empty")).contains("no image bytes");

            // Whole numbers, from the same stage with one parameter changed.
            Dataset<Row> numbers = stage.copy(new org.apache.spark.ml.param.ParamMap()).setNumbers(true)
                    .transform(images);
            assertThat(numbers.schema()).isEqualTo(ScoredRows.NUMBER_SCHEMA);
            assertThat(numbers.where("error IS NULL").count()).isEqualTo(rows.size() - 2);
        }
    }

    @Test
    void aWrongInputFailsBeforeAnyJobNamingTheColumn() throws Exception {
        try (SparkSession spark = session()) {
            Dataset<Row> images = spark.createDataFrame(List.of(RowFactory.create("a.png", "not bytes")),
                    new StructType().add("path", DataTypes.StringType).add("content", DataTypes.StringType));
            DigitReader reader = new DigitReader().setModelPath(TestImages.model().toString());
            assertThatThrownBy(() -> reader.transform(images)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("column 'content' of the input is string, not binary");
            assertThatThrownBy(() -> reader.setPathCol("file").transformSchema(images.schema()))
                    .hasMessageContaining("the input has no column 'file'");
            assertThatThrownBy(() -> new DigitReader().transformSchema(images.schema()))
                    .hasMessageContaining("set its modelPath");
            assertThatThrownBy(() -> new DigitReader().setModelPath(dir.resolve("none").toString())
                    .setBytesCol("content").transform(images.select("path")))
                    .hasMessageContaining("no column 'content'");
            assertThatThrownBy(() -> new DigitReader().setBatchSize(0)).hasMessageContaining("batchSize");
            // A table of paths: each task reads the files it names.
            Path file = TestImages.writeDigits(dir.resolve("one"), 3, 1).get(0);
            Dataset<Row> paths = spark.createDataFrame(List.of(RowFactory.create(file.toString()),
                    RowFactory.create(dir.resolve("gone.png").toString())), new StructType().add("path",
                    DataTypes.StringType));
            List<Row> answers = new DigitReader().setModelPath(TestImages.model().toString()).transform(paths)
                    .collectAsList();
            assertThat(answers.get(0).isNullAt(4)).isTrue();
            assertThat(answers.get(1).getString(4)).isEqualTo("no such file");
        }
    }
}
