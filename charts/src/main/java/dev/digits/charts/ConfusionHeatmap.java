package dev.digits.charts;

import dev.digits.model.evaluation.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * The confusion matrix as a heatmap: true digit by predicted digit, the count in each cell.
 *
 * <p>Colour follows the logarithm of the count, so a cell with one error is still visibly tinted
 * next to a diagonal of ~1,000: on a linear scale every error would look white.
 */
public final class ConfusionHeatmap {

    static final int WIDTH = 640;
    static final int HEIGHT = 660;

    private static final Color[] RAMP = {
        new Color(0xFFFFFF), new Color(0xFFE38A), new Color(0xFDB24F), new Color(0xF07C28), new Color(0xC8431A)
    };

    private ConfusionHeatmap() {}

    /**
     * Builds the chart.
     *
     * @param matrix counts indexed [true][predicted]
     * @param title the chart's title
     */
    public static HeatMapChart chart(ConfusionMatrix matrix, String title) {
        int classes = matrix.classes();
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("Predicted digit (colour: count on a log scale)").yAxisTitle("True digit").build();
        List<Integer> predicted = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int d = 0; d < classes; d++) {
            predicted.add(d);
            // Rows run top to bottom from 0, as confusion matrices are read.
            truth.add(classes - 1 - d);
        }
        long max = 0;
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                long count = matrix.count(t, p);
                max = Math.max(max, count);
                cells.add(new Number[] {p, classes - 1 - t, scale(count)});
            }
        }
        chart.addSeries("count", predicted, truth, cells);
        // XChart writes a cell's colour value, which is the logarithm: write the count instead.
        // Annotation coordinates span the first to the last category across the whole plot.
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                chart.addAnnotation(new AnnotationText(Long.toString(matrix.count(t, p)),
                        centre(p, classes), centre(classes - 1 - t, classes), false));
            }
        }
        HeatMapStyler styler = chart.getStyler();
        styler.setShowValue(false);
        styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        styler.setAnnotationTextFontColor(Color.BLACK);
        styler.setRangeColors(RAMP);
        styler.setMin(0);
        styler.setMax(Math.max(scale(max), scale(1)));
        styler.setDrawBorder(true);
        styler.setPlotContentSize(1.0);
        styler.setChartBackgroundColor(Color.WHITE);
        // Counts are written in the cells; XChart's legend would show the logarithms.
        styler.setLegendVisible(false);
        return chart;
    }

    private static double centre(int index, int categories) {
        return categories == 1 ? 0 : (index + 0.5) / categories * (categories - 1);
    }

    /** The colour scale's value for a count: 0 for none, then 1 + log10(count), so one error is already tinted. */
    static double scale(long count) {
        return count == 0 ? 0 : 1 + Math.log10(count);
    }
}
