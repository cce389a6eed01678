package dev.digits.charts;

import static dev.digits.charts.ChartFixtures.committed;
import static dev.digits.charts.ChartFixtures.distinctColours;
import static dev.digits.charts.ChartFixtures.evaluation;
import static dev.digits.charts.ChartFixtures.history;
import static dev.digits.charts.ChartFixtures.SHA;
import static dev.digits.charts.ChartFixtures.read;
import static dev.digits.charts.ChartFixtures.typicalCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.model.evaluation.ConfusionMatrix;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.history.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChartsTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryChartFromAHistoryAndAnEvaluation() throws IOException {
        List<Path> written = ModelCharts.drawAll(history(10), evaluation(typicalCounts(), 25), dir);
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "confusion-matrix.png", "learning-curves.png", "class-scores.png", "mistakes.png",
                "class-report.txt");
        BufferedImage heatmap = read(dir.resolve("confusion-matrix.png"));
        assertThat(heatmap.getWidth()).isEqualTo(ConfusionHeatmap.WIDTH);
        assertThat(heatmap.getHeight()).isEqualTo(ConfusionHeatmap.HEIGHT);
        BufferedImage curves = read(dir.resolve("learning-curves.png"));
        assertThat(curves.getWidth()).isEqualTo(2 * LearningCurves.WIDTH);
        assertThat(curves.getHeight()).isEqualTo(LearningCurves.HEIGHT);
        BufferedImage scores = read(dir.resolve("class-scores.png"));
        assertThat(scores.getWidth()).isEqualTo(ClassScoresChart.WIDTH);
        BufferedImage gallery = read(dir.resolve("mistakes.png"));
        assertThat(gallery.getWidth()).isEqualTo(MistakeGallery.GAP + 5 * (MistakeGallery.CELL + MistakeGallery.GAP));
        for (BufferedImage image : List.of(heatmap, curves, scores, gallery)) {
            assertThat(distinctColours(image)).isGreaterThan(5);
        }
        assertThat(Files.readString(dir.resolve("class-report.txt")))
                .contains("precision").contains("accuracy 0.9989 on 9856 images");
    }

    /** Mean luminance of the pixels where two same-sized images differ. */
    static double[] luminanceWhereTheyDiffer(BufferedImage a, BufferedImage b) {
        double sumA = 0;
        double sumB = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int pa = a.getRGB(x, y);
                int pb = b.getRGB(x, y);
                if (pa != pb) {
                    sumA += luminance(pa);
                    sumB += luminance(pb);
                    n++;
                }
            }
        }
        assertThat(n).as("pixels that differ").isGreaterThan(500);
        return new double[] {sumA / n, sumB / n};
    }

    static double luminance(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    /** Draws the typical matrix with cell [3][5] at two counts; returns the mean luminance where they differ. */
    static double[] cellLuminance(long smaller, long larger) {
        long[][] few = typicalCounts();
        long[][] more = typicalCounts();
        few[3][5] = smaller;
        more[3][5] = larger;
        BufferedImage fewImage = org.knowm.xchart.BitmapEncoder.getBufferedImage(
                ConfusionHeatmap.chart(ConfusionMatrix.of(few), "t"));
        BufferedImage moreImage = org.knowm.xchart.BitmapEncoder.getBufferedImage(
                ConfusionHeatmap.chart(ConfusionMatrix.of(more), "t"));
        return luminanceWhereTheyDiffer(fewImage, moreImage);
    }

    @Test
    void aCellWithALargerCountIsDrawnDarker() {
        double[] luminance = cellLuminance(2, 40);
        assertThat(luminance[1]).isLessThan(luminance[0] - 20);
    }

    @Test
    void aFewErrorsAreVisibleNextToAThousandOnTheDiagonal() {
        double[] luminance = cellLuminance(0, 1);
        assertThat(luminance[1]).isLessThan(luminance[0] - 15);
    }

    @Test
    void edgeCasesStillRender() throws IOException {
        long[][] diagonal = new long[10][10];
        for (int d = 0; d < 10; d++) {
            diagonal[d][d] = 1000;
        }
        ModelCharts.drawAll(history(1), evaluation(diagonal, 0), dir.resolve("diagonal"));
        long[][] zeroRow = typicalCounts();
        zeroRow[6] = new long[10];
        ModelCharts.drawAll(history(1), evaluation(zeroRow, 3), dir.resolve("zero-row"));
        long[][] allZero = new long[10][10];
        ModelCharts.drawAll(history(2), evaluation(allZero, 1), dir.resolve("all-zero"));
        for (String name : List.of("diagonal", "zero-row", "all-zero")) {
            for (String file : List.of("confusion-matrix.png", "learning-curves.png", "class-scores.png",
                    "mistakes.png")) {
                assertThat(distinctColours(read(dir.resolve(name).resolve(file)))).as(name + "/" + file)
                        .isGreaterThan(2);
            }
        }
    }

    @Test
    void aMissingOrCorruptFileIsNamed() throws IOException {
        ModelFolder empty = new ModelFolder(dir);
        assertThatThrownBy(() -> ModelCharts.drawAll(empty))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(dir.resolve("serving.properties") + " is missing");
        ModelFolder folder = committed(dir, history(3), evaluation(typicalCounts(), 7));
        Path evaluation = folder.evaluationFile(SHA);
        Files.writeString(evaluation, "{\"confusionMatrix\": [[1, 2], [3]]}");
        assertThatThrownBy(() -> ModelCharts.drawAll(folder))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(evaluation.toString())
                .hasMessageContaining("square");
        Files.writeString(evaluation, "<html>");
        assertThatThrownBy(() -> ModelCharts.drawAll(folder))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(evaluation.toString());
        Files.delete(folder.historyFile(SHA));
        assertThatThrownBy(() -> ModelCharts.drawAll(folder))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(folder.historyFile(SHA) + " is missing");
        assertThat(dir.resolve("charts").resolve("confusion-matrix.png")).doesNotExist();
    }


    @Test
    void anEnsembleHasNoLearningCurvesToDrawOrCompare() throws IOException {
        ModelFolder trained = committed(dir.resolve("seed"), history(4), evaluation(typicalCounts(), 7));
        // An ensemble: combined, not trained; its charts leave the learning curves out.
        ModelFolder untrained = committed(dir.resolve("ensemble"), TrainingHistory.empty(),
                evaluation(typicalCounts(), 7));
        assertThat(ModelCharts.drawAll(untrained)).extracting(p -> p.getFileName().toString())
                .doesNotContain(ModelCharts.LEARNING_CURVES);
        assertThatThrownBy(() -> ModelCharts.drawCompared(List.of(trained, untrained), dir.resolve("compared.png")))
                .hasMessageContaining("has no epochs to draw");
    }
}
