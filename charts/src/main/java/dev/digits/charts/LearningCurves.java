package dev.digits.charts;

import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.TrainingHistory;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Accuracy and loss over the epochs, training against validation: over-fitting shows here. */
public final class LearningCurves {

    public static final int WIDTH = 620;
    static final int HEIGHT = 440;

    private LearningCurves() {}

    /** Two charts, accuracy then loss. */
    public static List<XYChart> charts(TrainingHistory history, String subtitle) {
        if (history.size() == 0) {
            throw new IllegalArgumentException("the training history has no epochs");
        }
        double[] epochs = history.epochs().stream().mapToDouble(EpochRecord::epoch).toArray();
        XYChart accuracy = chart("Accuracy" + subtitle, "accuracy", Styler.LegendPosition.InsideSE, "0.000");
        add(accuracy, "training", epochs, history.epochs().stream().mapToDouble(EpochRecord::trainAccuracy).toArray(),
                new Color(0x1F77B4));
        add(accuracy, "validation", epochs,
                history.epochs().stream().mapToDouble(EpochRecord::validationAccuracy).toArray(), new Color(0xD62728));
        XYChart loss = chart("Loss" + subtitle, "softmax cross-entropy", Styler.LegendPosition.InsideNE, "0.00");
        add(loss, "training", epochs, history.epochs().stream().mapToDouble(EpochRecord::trainLoss).toArray(),
                new Color(0x1F77B4));
        add(loss, "validation", epochs, history.epochs().stream().mapToDouble(EpochRecord::validationLoss).toArray(),
                new Color(0xD62728));
        return List.of(accuracy, loss);
    }

    /** Several runs side by side: validation accuracy, then validation loss, a series per run. */
    public static List<XYChart> compared(java.util.Map<String, TrainingHistory> runs) {
        XYChart accuracy = chart("Validation accuracy", "accuracy", Styler.LegendPosition.InsideSE, "0.000");
        XYChart loss = chart("Validation loss", "softmax cross-entropy", Styler.LegendPosition.InsideNE, "0.00");
        Color[] colors = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0x9467BD)};
        int next = 0;
        for (java.util.Map.Entry<String, TrainingHistory> run : runs.entrySet()) {
            List<EpochRecord> epochs = run.getValue().epochs();
            if (epochs.isEmpty()) {
                throw new IllegalArgumentException(run.getKey() + " has no epochs to draw (an ensemble is not trained)");
            }
            double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
            Color color = colors[next++ % colors.length];
            add(accuracy, run.getKey(), x, epochs.stream().mapToDouble(EpochRecord::validationAccuracy).toArray(), color);
            add(loss, run.getKey(), x, epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray(), color);
        }
        return List.of(accuracy, loss);
    }

    private static XYChart chart(String title, String yTitle, Styler.LegendPosition legend, String yPattern) {
        return chart(title, "epoch", yTitle, legend, yPattern);
    }

    /** A chart in the style of the learning curves: white, the legend where given, marked points. */
    static XYChart chart(String title, String xTitle, String yTitle, Styler.LegendPosition legend, String yPattern) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(legend);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setXAxisDecimalPattern("#");
        styler.setYAxisDecimalPattern(yPattern);
        styler.setMarkerSize(7);
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color);
        series.setMarkerColor(color);
    }
}
