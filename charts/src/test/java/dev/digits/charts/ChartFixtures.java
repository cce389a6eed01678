package dev.digits.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.evaluation.ConfusionMatrix;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.evaluation.Mistake;
import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.ValidationSet;
import dev.digits.model.history.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Model folders with stand-in weights, histories and evaluations for the charts' tests, and for
 * the tests of the {@code digits charts} command in the app module (through this module's test jar).
 */
public final class ChartFixtures {

    private ChartFixtures() {}

    public static TrainingHistory history(int epochs) {
        TrainingHistory history = TrainingHistory.empty();
        for (int e = 1; e <= epochs; e++) {
            history = history.plus(new EpochRecord(e, 0.5 / e, 1 - 0.1 / e, 0.4 / e, 1 - 0.08 / e, 100, 400, ValidationSet.TEST));
        }
        return history;
    }

    public static long[][] typicalCounts() {
        long[][] counts = new long[10][10];
        for (int d = 0; d < 10; d++) {
            counts[d][d] = 980 + d;
        }
        counts[4][9] = 7;
        counts[9][4] = 3;
        counts[7][2] = 1;
        return counts;
    }

    public static Evaluation evaluation(long[][] counts, int mistakes) {
        ConfusionMatrix matrix = ConfusionMatrix.of(counts);
        List<Mistake> list = new ArrayList<>();
        for (int i = 0; i < mistakes; i++) {
            int[] pixels = new int[784];
            for (int p = 0; p < 784; p++) {
                pixels[p] = (p / 28 + i) % 7 == 0 ? 255 : 0;
            }
            list.add(new Mistake(i, 4, 9, 0.99 - i * 0.01, pixels));
        }
        return new Evaluation(SHA, "PyTorch", "2.7.1", "cpu()", (int) matrix.total(), matrix.accuracy(), 0.03,
                counts, matrix.classScores(), list, "now");
    }

    /** The SHA-256 the charts tests' model folders name; the charts need no real weights. */
    public static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /** A committed model folder with stand-in weights, a history and an evaluation. */
    public static ModelFolder committed(Path dir, TrainingHistory history, Evaluation evaluation) throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        String params = "digits-01234567-0004.params";
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(params), "stand-in weights");
        folder.commit(new ModelMetadata(ModelFolder.FORMAT_VERSION, params, SHA, 1, "seed-cnn", Map.of(), "PyTorch",
                "2.7.1", "cpu()",
                new Hyperparameters(4, 128, 0.001, 0.9, 0.999, 1e-7, 42, 100, 100, 0, "none", "constant", "seed"), Map.of(), evaluation.accuracy(),
                1.0, "now", List.of()), history, evaluation);
        return folder;
    }

    public static BufferedImage read(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        return image;
    }

    public static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
