package dev.digits.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A hyperparameter search's trials: held-out accuracy against learning rate, a series per group of trials. */
public final class SearchChart {

    private SearchChart() {}

    /**
     * Draws the trials into a PNG file, replacing it atomically.
     *
     * @param series each group's points, as {learning rate, held-out accuracy}
     */
    public static void write(Map<String, List<double[]>> series, String title, Path file) throws IOException {
        XYChart chart = LearningCurves.chart(title, "learning rate (log scale)", "held-out accuracy",
                Styler.LegendPosition.InsideSE, "0.000");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern(null);
        series.forEach((name, points) -> chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray()).setMarker(SeriesMarkers.CIRCLE));
        ModelCharts.save(file, ModelCharts.png(chart));
    }
}
