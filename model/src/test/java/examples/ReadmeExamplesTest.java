package examples;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two embedding programs of docs/embedding.md and docs/model-folder.md, run as written: both print the recognizer's answer. */
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    @Test
    void bothProgramsPrintTheDigitAndItsConfidence() throws Exception {
        EngineRuntime runtime = TestModelFolders.pytorchOnCpu();
        Path folder = dir.resolve("model");
        try (Model model = TestModelFolders.untrainedModel(runtime)) {
            TestModelFolders.save(new ModelFolder(folder), model, runtime);
        }
        BufferedImage image = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 80);
        g.setColor(Color.BLACK);
        g.fillRect(25, 10, 8, 60);
        g.dispose();
        Path png = dir.resolve("one.png");
        ImageIO.write(image, "png", png.toFile());
        Prediction expected;
        try (DigitRecognizer recognizer = DigitRecognizer.load(folder, runtime)) {
            expected = recognizer.predict(Files.readAllBytes(png));
        }
        String line = String.format(Locale.ROOT, "%d (%.1f%%)", expected.digit(), expected.confidence() * 100);
        String[] args = {folder.toString(), png.toString()};
        assertThat(run(() -> ReadDigit.main(args))).isEqualTo(line);
        assertThat(run(() -> ReadDigitWithDjl.main(args))).isEqualTo(line);
    }

    interface Program {
        void run() throws Exception;
    }

    private static String run(Program program) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Locale locale = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ROOT);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            program.run();
        } finally {
            System.setOut(out);
            Locale.setDefault(locale);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }
}
