package dev.digits.charts;

import dev.digits.model.folder.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
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
        XYChart chart = new XYChartBuilder().width(LearningCurves.WIDTH).height(LearningCurves.HEIGHT).title(title)
                .xAxisTitle("learning rate (log scale)").yAxisTitle("held-out accuracy").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(9);
        series.forEach((name, points) -> chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray()).setMarker(SeriesMarkers.CIRCLE));
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
