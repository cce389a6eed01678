package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Reading;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** digits-spark on Spark embedded, {@code local[2]}: a row per file, the recognizer's answers, clear errors. */
class DigitsSparkTest {

    private static final long MAX_BYTES = 200_000;

    @TempDir
    static Path dir;

    private static Path images;
    private static List<Path> digits;
    private static Map<Path, String> expectedErrors;
    private static Map<Path, Reading> recognizerAnswers;

    @BeforeAll
    static void imagesAndTheRecognizersAnswers() throws IOException {
        images = dir.resolve("images");
        digits = TestImages.writeDigits(images, 0, 40);
        expectedErrors = new HashMap<>();
        Path corrupt = images.resolve("batch0/corrupt.png");
        Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        expectedErrors.put(corrupt, "not an image");
        Path truncated = images.resolve("batch1/truncated.jpg");
        byte[] whole = Files.readAllBytes(digits.get(1));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 3));
        expectedErrors.put(truncated, "cannot be decoded");
        Path blank = images.resolve("blank.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
        expectedErrors.put(blank, "blank");
        // 25 megapixels in a few kilobytes: refused before it is decoded.
        Path huge = images.resolve("huge.png");
        ImageIO.write(new BufferedImage(5000, 5000, BufferedImage.TYPE_BYTE_BINARY), "png", huge.toFile());
        expectedErrors.put(huge, "pixels");
        Path large = images.resolve("large.png");
        BufferedImage noise = new BufferedImage(600, 600, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(1);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x++) {
                noise.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        ImageIO.write(noise, "png", large.toFile());
        assertThat(Files.size(large)).isGreaterThan(MAX_BYTES);
        expectedErrors.put(large, "bytes");
        Files.writeString(images.resolve("notes.txt"), "not an image, and not named like one");

        List<byte[]> bytes = new ArrayList<>();
        for (Path file : digits) {
            bytes.add(Files.readAllBytes(file));
        }
        recognizerAnswers = new HashMap<>();
        try (DigitRecognizer recognizer = DigitRecognizer.load(TestImages.model(),
                EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu())))) {
            List<Reading> readings = recognizer.readEachEncoded(bytes);
            for (int i = 0; i < digits.size(); i++) {
                assertThat(readings.get(i).ok()).isTrue();
                recognizerAnswers.put(digits.get(i).toAbsolutePath(), readings.get(i));
            }
        }
    }

    private static JobOutput score(Path output, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--master", "local[2]", "-m", TestImages.model().toString(),
                "-o", output.toString(), "--max-bytes", Long.toString(MAX_BYTES), "--batch-size", "16"));
        args.addAll(List.of(more));
        return JobOutput.run(args.toArray(String[]::new));
    }

    /** Each file named like an image has one row: the recognizer's answer, or its error. */
    private static void assertOneRowPerImage(List<JsonNode> rows) {
        List<String> paths = rows.stream().map(row -> row.get("path").asText()).toList();
        List<Path> expected = new ArrayList<>(recognizerAnswers.keySet());
        expectedErrors.keySet().forEach(file -> expected.add(file.toAbsolutePath()));
        assertThat(TestImages.distinctPaths(paths)).containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode row : rows) {
            Path path = Path.of(java.net.URI.create(row.get("path").asText()));
            Reading expectedReading = recognizerAnswers.get(path);
            if (expectedReading == null) {
                String fragment = expectedErrors.get(path);
                assertThat(row.get("error").asText()).as(path.toString()).contains(fragment);
                assertThat(row.has("digit")).isFalse();
                continue;
            }
            assertThat(row.has("error")).as(row.toString()).isFalse();
            assertThat(row.get("digit").asInt()).as(path.toString()).isEqualTo(expectedReading.prediction().digit());
            float[] probabilities = expectedReading.prediction().probabilities();
            for (int d = 0; d < 10; d++) {
                assertThat(row.get("probabilities").get(d).floatValue()).isCloseTo(probabilities[d], within(1e-5f));
            }
            assertThat(row.get("confidence").floatValue())
                    .isCloseTo(expectedReading.prediction().confidence(), within(1e-5f));
        }
    }

    @Test
    void everyImageFileIsOneRowWithTheRecognizersAnswerOrItsError() throws Exception {
        Path output = dir.resolve("answers-json");
        JobOutput run = score(output, "--format", "json", images.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("45 image(s): 40 read, 5 with an error");
        assertOneRowPerImage(JobOutput.jsonRows(output));
    }

    @Test
    void writesParquetByDefaultAndReadsTablesOfPathsOrOfBytes() throws Exception {
        Path parquet = dir.resolve("answers-parquet");
        JobOutput run = score(parquet, images.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(parquet)) {
            assertThat(files.map(Path::toString)).anyMatch(name -> name.endsWith(".parquet"));
        }

        // The Parquet answers name every file: as a table of paths, they are read again.
        Path fromPaths = dir.resolve("answers-from-paths");
        run = score(fromPaths, "--format", "json", "--table", parquet.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertOneRowPerImage(JobOutput.jsonRows(fromPaths));

        // A table that holds the images' bytes, one row without any.
        Path table = dir.resolve("images-table");
        try (SparkSession spark = SparkSession.builder().master("local[1]").appName("test table")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            List<Row> rows = new ArrayList<>();
            for (Path file : digits) {
                rows.add(RowFactory.create(file.toUri().toString(), 7, Files.readAllBytes(file)));
            }
            rows.add(RowFactory.create("no-bytes", 7, null));
            StructType schema = new StructType().add("name", DataTypes.StringType).add("number", DataTypes.IntegerType)
                    .add("image", DataTypes.BinaryType);
            Dataset<Row> frame = spark.createDataFrame(rows, schema);
            frame.write().parquet(table.toString());
        }
        Path fromBytes = dir.resolve("answers-from-bytes");
        run = score(fromBytes, "--format", "json", "--table", table.toString(), "--path-column", "name",
                "--bytes-column", "image");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> rows = JobOutput.jsonRows(fromBytes);
        assertThat(rows).hasSize(digits.size() + 1);
        for (JsonNode row : rows) {
            if (row.get("path").asText().equals("no-bytes")) {
                assertThat(row.get("error").asText()).contains("no image bytes");
                continue;
            }
            Reading expected = recognizerAnswers.get(Path.of(java.net.URI.create(row.get("path").asText())));
            assertThat(row.get("digit").asInt()).isEqualTo(expected.prediction().digit());
        }

        // A CSV table of paths, as a spreadsheet would hold them.
        Path csvTable = dir.resolve("paths.csv");
        List<String> lines = new ArrayList<>(List.of("file,note"));
        for (Path file : digits.subList(0, 5)) {
            lines.add(file.toAbsolutePath() + ",scanned");
        }
        lines.add(dir.resolve("gone.png") + ",lost");
        Files.write(csvTable, lines);
        Path fromCsv = dir.resolve("answers-from-csv");
        run = score(fromCsv, "--format", "json", "--table", csvTable.toString(), "--path-column", "file");
        assertThat(run.exitCode()).as(run.err()).isZero();
        rows = JobOutput.jsonRows(fromCsv);
        assertThat(rows).hasSize(6);
        for (JsonNode row : rows) {
            if (row.get("path").asText().endsWith("gone.png")) {
                assertThat(row.get("error").asText()).isEqualTo("no such file");
                continue;
            }
            Reading expected = recognizerAnswers.get(Path.of(row.get("path").asText()));
            assertThat(row.get("digit").asInt()).isEqualTo(expected.prediction().digit());
        }

        // A table with a damaged file: the job fails in its tasks, and leaves no output behind.
        Path damagedTable = dir.resolve("damaged-table");
        try (Stream<Path> files = Files.list(table)) {
            Files.createDirectories(damagedTable);
            for (Path file : files.toList()) {
                Files.copy(file, damagedTable.resolve(file.getFileName()));
            }
        }
        Files.write(damagedTable.resolve("part-99999-damaged.parquet"), "PAR1 not a parquet file PAR1".getBytes());
        Path notWritten = dir.resolve("answers-from-damaged");
        run = score(notWritten, "--table", damagedTable.toString(), "--path-column", "name", "--bytes-column",
                "image");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains("the Spark job failed").doesNotContain("\tat ");
        assertThat(notWritten).doesNotExist();

        Path wrongColumn = dir.resolve("answers-wrong-column");
        run = score(wrongColumn, "--table", table.toString(), "--path-column", "name", "--bytes-column", "number");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("column 'number'", "int, not binary").doesNotContain("\tat ");
        run = score(wrongColumn, "--table", table.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no column 'path'", "name, number, image").doesNotContain("\tat ");
    }

    @Test
    void csvHoldsTheProbabilitiesInTenColumns() throws Exception {
        Path output = dir.resolve("answers-csv");
        // A glob that names one folder: batch0, not batch1 or batch2.
        JobOutput run = score(output, "--format", "csv", images + "/b*0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(output)) {
            for (Path part : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                List<String> content = Files.readAllLines(part);
                if (!content.isEmpty()) {
                    assertThat(content.get(0)).isEqualTo("path,digit,confidence,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9,error");
                    lines.addAll(content.subList(1, content.size()));
                }
            }
        }
        long inBatch0 = digits.stream().filter(file -> file.getParent().getFileName().toString().equals("batch0"))
                .count();
        assertThat(lines).hasSize((int) inBatch0 + 1);
        assertThat(lines).anyMatch(line -> line.contains("corrupt.png,,,") && line.contains("not an image"));
    }

    @Test
    void readsWholeNumbersAsTheRecognizerDoes() throws Exception {
        Path numbers = dir.resolve("numbers");
        Files.createDirectories(numbers);
        Map<Path, String> expected = new HashMap<>();
        try (DigitRecognizer recognizer = DigitRecognizer.load(TestImages.model(),
                EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu())))) {
            for (int n = 0; n < 4; n++) {
                // Digits side by side on MNIST's black, 8 pixels apart.
                BufferedImage number = new BufferedImage(20 + 36 * (n + 2), 44, BufferedImage.TYPE_BYTE_GRAY);
                for (int d = 0; d < n + 2; d++) {
                    BufferedImage digit = ImageIO.read(digits.get(n * 5 + d).toFile());
                    number.getGraphics().drawImage(digit, 10 + 36 * d, 8, null);
                }
                Path file = numbers.resolve("number-" + n + ".png");
                ImageIO.write(number, "png", file.toFile());
                expected.put(file.toAbsolutePath(), recognizer.readNumber(Files.readAllBytes(file)).number());
            }
        }
        Files.copy(images.resolve("blank.png"), numbers.resolve("blank.png"));
        Path output = dir.resolve("numbers-json");
        JobOutput run = score(output, "--numbers", "--format", "json", numbers.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> rows = JobOutput.jsonRows(output);
        assertThat(rows).hasSize(5);
        for (JsonNode row : rows) {
            Path path = Path.of(java.net.URI.create(row.get("path").asText()));
            if (path.endsWith("blank.png")) {
                assertThat(row.get("error").asText()).contains("blank");
                continue;
            }
            assertThat(row.get("number").asText()).isEqualTo(expected.get(path));
            assertThat(row.get("digits")).hasSize(expected.get(path).length());
            assertThat(row.get("digits").get(0).get("box")).hasSize(4);
        }

        Path csv = dir.resolve("numbers-csv");
        run = score(csv, "--numbers", "--format", "csv", numbers.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(csv)) {
            assertThat(files.filter(f -> f.toString().endsWith(".csv")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).contains("path,number,confidence,digits,error");
        }
    }

    @Test
    void overwriteReplacesOnlyAnEarlierOutputAndNeverTheInputsOrTheModel() throws Exception {
        // An earlier output of digits-spark is replaced.
        Path earlier = dir.resolve("earlier");
        assertThat(score(earlier, "--format", "json", images.toString()).exitCode()).isZero();
        assertThat(earlier.resolve(OutputFolder.MARKER)).isRegularFile();
        JobOutput again = score(earlier, "--format", "json", "--overwrite", images.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();

        // A folder of the user's, the folder that holds the images, the one that holds the model.
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "the user's");
        Path parentOfModel = TestImages.model().getParent();
        for (Path output : List.of(home, images, dir, parentOfModel)) {
            JobOutput run = score(output, "--overwrite", images.toString());
            assertThat(run.exitCode()).as(output.toString()).isEqualTo(1);
            assertThat(run.err()).doesNotContain("\tat ");
        }
        assertThat(score(home, "--overwrite", images.toString()).err()).contains("holds files that digits-spark did"
                + " not write");
        assertThat(score(images, "--overwrite", images.toString()).err()).contains("would delete the input");
        assertThat(score(parentOfModel, "--overwrite", images.toString()).err()).contains("would delete the model");
        assertThat(home.resolve("thesis.tex")).hasContent("the user's");
        assertThat(images.resolve("blank.png")).isRegularFile();
        assertThat(TestImages.model().resolve("serving.properties")).isRegularFile();
    }

    @Test
    void badInputIsOneClearLineAndNothingIsLost() throws Exception {
        Path existing = dir.resolve("existing");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("keep.txt"), "the user's");
        JobOutput run = score(existing, images.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the output " + existing + " exists", "--overwrite").doesNotContain("\tat ");
        assertThat(existing.resolve("keep.txt")).hasContent("the user's");

        run = JobOutput.run("-m", dir.resolve("no-model").toString(), "-o", dir.resolve("x").toString(),
                images.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("model folder", "does not exist").doesNotContain("\tat ");

        Path damaged = dir.resolve("damaged-model");
        Files.createDirectories(damaged);
        try (Stream<Path> files = Files.list(TestImages.model())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, damaged.resolve(file.getFileName()));
            }
        }
        try (Stream<Path> files = Files.list(damaged)) {
            Path params = files.filter(f -> f.toString().endsWith(".params")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(params);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(params, bytes);
        }
        run = JobOutput.run("-m", damaged.toString(), "-o", dir.resolve("x").toString(), images.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("SHA-256").doesNotContain("\tat ");

        run = score(dir.resolve("x"), "--format", "xml", images.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--format", "[PARQUET, CSV, JSON] (case-insensitive)", "'xml'").doesNotContain("\tat ");

        run = score(dir.resolve("x"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("name the images");

        run = JobOutput.run("-m", TestImages.model().toString(), "-o", dir.resolve("x").toString(), "--batch-size",
                "0", images.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--batch-size must be between 1 and 1024, got 0");

        run = score(dir.resolve("x"), dir.resolve("no-such-folder").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no-such-folder").doesNotContain("\tat ");
        assertThat(dir.resolve("x")).doesNotExist();

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no images here");
        run = score(dir.resolve("from-empty"), empty.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no image was found");
    }
}
