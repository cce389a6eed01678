package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code digits predict} over a folder of good, corrupt, blank and huge files. */
class PredictTest {

    /** Room for the digits, not for huge.png. */
    private static final String MAX_PIXELS = "50000";

    @TempDir
    Path dir;

    /** A folder as users have them: digits in subfolders, and files that are no digit at all. */
    private List<Path> mixedFolder() throws Exception {
        List<float[]> digits = TestModels.testDigits(6);
        List<Path> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            good.add(TestModels.writeImage(digits.get(i), dir.resolve("scans/day" + (i % 2) + "/digit-" + i + ".png"),
                    "png"));
        }
        good.add(TestModels.writeImage(digits.get(5), dir.resolve("scans/digit-5.bmp"), "bmp"));
        byte[] png = Files.readAllBytes(good.get(0));
        Files.write(dir.resolve("scans/corrupt.png"), Arrays.copyOf(png, png.length / 2));
        BufferedImage white = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, 50, 50);
        ImageIO.write(white, "png", dir.resolve("scans/blank.png").toFile());
        // Larger than the tests' --max-pixels: refused before it is decoded.
        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY), "png",
                dir.resolve("scans/huge.png").toFile());
        Files.writeString(dir.resolve("scans/notes.txt"), "not an image, and not named like one");
        return good;
    }

    private static int expectedDigit(Path model, Path file) throws Exception {
        return expected(model, file).digit();
    }

    /** The file read alone by the recognizer that {@code predict} uses. */
    private static Prediction expected(Path model, Path file) throws Exception {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (DigitRecognizer recognizer = DigitRecognizer.load(model, runtime)) {
            return recognizer.predict(Files.readAllBytes(file));
        }
    }

    @Test
    void everyFileGetsOneAnswerAndBadFilesTheirErrors() throws Exception {
        Path model = TestModels.pytorch();
        List<Path> good = mixedFolder();
        Path missing = dir.resolve("nowhere.png");
        CommandOutput text = CommandOutput.of("predict", "-m", model.toString(), "--max-pixels", MAX_PIXELS, dir.resolve("scans").toString(),
                missing.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        // Six digits, corrupt, blank, huge and the missing file: notes.txt is no image and is skipped.
        assertThat(lines).hasSize(10);
        for (Path file : good) {
            String answer = java.util.regex.Pattern.quote(file + ": " + expectedDigit(model, file) + " (");
            assertThat(lines).anyMatch(line -> line.matches(answer + "\\d+\\.\\d%\\)"));
        }
        assertThat(lines).anyMatch(line -> line.startsWith(dir.resolve("scans/corrupt.png") + ": error: ")
                && line.contains("cannot be decoded"));
        assertThat(lines).anyMatch(line -> line.startsWith(dir.resolve("scans/blank.png") + ": error: ")
                && line.contains("blank"));
        assertThat(lines).anyMatch(line -> line.startsWith(dir.resolve("scans/huge.png") + ": error: ")
                && line.contains("300x300 pixels; at most 50000"));
        assertThat(lines).contains(missing + ": error: no such file or folder");
        assertThat(text.err()).contains("Read 6 of 10 files; 4 could not be read");

        CommandOutput csv = CommandOutput.of("predict", "-m", model.toString(), "--max-pixels", MAX_PIXELS, "--format", "csv", "--batch-size", "4",
                dir.resolve("scans").toString());
        assertThat(csv.out().lines().findFirst().orElseThrow())
                .isEqualTo("path,digit,confidence,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9,error");
        List<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv.out()).readAll();
        assertThat(rows).hasSize(9);
        Map<String, String> goodRow = rows.stream().filter(row -> row.get("path").equals(good.get(0).toString()))
                .findFirst().orElseThrow();
        Prediction alone = expected(model, good.get(0));
        assertThat(goodRow.get("digit")).isEqualTo(Integer.toString(alone.digit()));
        // Read in a batch of four, the answer is the one read alone, to float precision.
        assertThat(Float.parseFloat(goodRow.get("confidence"))).isCloseTo(alone.confidence(),
                org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(Float.parseFloat(goodRow.get("p" + alone.digit()))).isEqualTo(Float.parseFloat(goodRow.get("confidence")));
        assertThat(goodRow.get("error")).isEmpty();
        Map<String, String> blankRow = rows.stream()
                .filter(row -> row.get("path").equals(dir.resolve("scans/blank.png").toString())).findFirst().orElseThrow();
        assertThat(blankRow.get("digit")).isEmpty();
        assertThat(blankRow.get("p9")).isEmpty();
        assertThat(blankRow.get("error")).contains("blank");

        Path out = dir.resolve("answers.jsonl");
        CommandOutput jsonl = CommandOutput.of("predict", "-m", model.toString(), "--max-pixels", MAX_PIXELS, "--format", "JSONL", "-o",
                out.toString(), dir.resolve("scans").toString());
        assertThat(jsonl.exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            objects.add(json.readTree(line));
        }
        assertThat(objects).hasSize(9);
        JsonNode first = objects.stream().filter(o -> o.get("path").asText().equals(good.get(0).toString()))
                .findFirst().orElseThrow();
        assertThat(first.get("digit").asInt()).isEqualTo(expectedDigit(model, good.get(0)));
        assertThat(first.get("probabilities")).hasSize(10);
        assertThat(objects).filteredOn(o -> o.has("error")).hasSize(3);
    }

    @Test
    void globsPickTheirFilesAndNothingReadableIsAnInputError() throws Exception {
        Path model = TestModels.pytorch();
        mixedFolder();
        CommandOutput glob = CommandOutput.of("predict", "-m", model.toString(), "--max-pixels", MAX_PIXELS, dir + "/scans/**/digit-*.png");
        assertThat(glob.exitCode()).isZero();
        assertThat(glob.out().lines()).hasSize(5).allMatch(line -> line.matches(".*/day[01]/digit-\\d\\.png: \\d \\(.*"));

        CommandOutput nothing = CommandOutput.of("predict", "-m", model.toString(), "--max-pixels", MAX_PIXELS,
                dir.resolve("scans/corrupt.png").toString(), dir + "/none/*.png");
        assertThat(nothing.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(nothing.out().lines()).hasSize(2);
        assertThat(nothing.err()).contains("Read 0 of 2 files");

        CommandOutput badFormat = CommandOutput.of("predict", "-m", model.toString(), "--max-pixels", MAX_PIXELS, "--format", "xml",
                dir.toString());
        assertThat(badFormat.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(badFormat.err()).contains("unknown format 'xml'; choose text, csv or jsonl");
    }
    @Test
    void numbersAreReadWholeInEveryFormat() throws Exception {
        Path model = TestModels.pytorch();
        List<float[]> digits = TestModels.testDigits(8);
        Path folder = dir.resolve("numbers");
        Files.createDirectories(folder);
        // Three digits dark on light, 10 pixels apart: as written on paper.
        java.awt.image.BufferedImage number = new java.awt.image.BufferedImage(120, 40,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 120 * 40; i++) {
            number.getRaster().setSample(i % 120, i / 120, 0, 255);
        }
        for (int d = 0; d < 3; d++) {
            for (int p = 0; p < 784; p++) {
                number.getRaster().setSample(6 + 38 * d + p % 28, 6 + p / 28, 0, Math.round(255 * (1 - digits.get(d)[p])));
            }
        }
        Path file = folder.resolve("number.png");
        javax.imageio.ImageIO.write(number, "png", file.toFile());
        TestModels.writeImage(new float[784], folder.resolve("blank.png"), "png");
        String expected;
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (DigitRecognizer recognizer = DigitRecognizer.load(model, runtime)) {
            expected = recognizer.readNumber(Files.readAllBytes(file)).number();
        }
        assertThat(expected).hasSize(3);

        CommandOutput text = CommandOutput.of("predict", "-m", model.toString(), "--numbers", folder.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().lines()).anyMatch(line -> line.startsWith(file + ": " + expected + " ("))
                .anyMatch(line -> line.contains("blank.png: error: ") && line.contains("blank"));

        CommandOutput csv = CommandOutput.of("predict", "-m", model.toString(), "--numbers", "--format", "csv",
                folder.toString());
        assertThat(csv.out().lines().findFirst().orElseThrow()).isEqualTo("path,number,confidence,digits,error");
        List<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv.out()).readAll();
        Map<String, String> row = rows.stream().filter(r -> r.get("path").equals(file.toString())).findFirst()
                .orElseThrow();
        assertThat(row.get("number")).isEqualTo(expected);
        assertThat(new ObjectMapper().readTree(row.get("digits"))).hasSize(3);

        CommandOutput jsonl = CommandOutput.of("predict", "-m", model.toString(), "--numbers", "--format", "jsonl",
                file.toString());
        JsonNode object = new ObjectMapper().readTree(jsonl.out().lines().findFirst().orElseThrow());
        assertThat(object.get("number").asText()).isEqualTo(expected);
        assertThat(object.get("digits").get(2).get("box")).hasSize(4);
        assertThat(object.get("digits").get(0).get("box").get(0).asInt()).isLessThan(
                object.get("digits").get(1).get("box").get(0).asInt());
    }
}
