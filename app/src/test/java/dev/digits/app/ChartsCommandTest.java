package dev.digits.app;

import static dev.digits.charts.ChartFixtures.committed;
import static dev.digits.charts.ChartFixtures.distinctColours;
import static dev.digits.charts.ChartFixtures.evaluation;
import static dev.digits.charts.ChartFixtures.history;
import static dev.digits.charts.ChartFixtures.read;
import static dev.digits.charts.ChartFixtures.typicalCounts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.charts.LearningCurves;
import dev.digits.model.folder.ModelFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsCommandTest {

    @TempDir
    Path dir;

    @Test
    void theCommandRedrawsAFoldersCharts() throws IOException {
        committed(dir, history(4), evaluation(typicalCounts(), 7));
        int exit = DigitsCommand.run("charts", dir.toString());
        assertThat(exit).isZero();
        assertThat(dir.resolve("charts").resolve("mistakes.png")).isRegularFile();
    }

    @Test
    void runsAreComparedSideBySide() throws IOException {
        ModelFolder first = committed(dir.resolve("seed"), history(4), evaluation(typicalCounts(), 7));
        ModelFolder second = committed(dir.resolve("augmented"), history(6), evaluation(typicalCounts(), 7));
        Path picture = dir.resolve("compared.png");
        int exit = DigitsCommand.run("charts", first.root().toString(), "--compare", second.root().toString(), "-o",
                picture.toString());
        assertThat(exit).isZero();
        BufferedImage curves = read(picture);
        assertThat(curves.getWidth()).isEqualTo(2 * LearningCurves.WIDTH);
        // Two runs in two colours, beside the black and white of the axes and text.
        assertThat(distinctColours(curves)).isGreaterThan(5);
    }
}
