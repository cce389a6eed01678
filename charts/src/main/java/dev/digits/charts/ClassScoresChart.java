package dev.digits.charts;

import dev.digits.model.evaluation.ClassScore;
import dev.digits.model.evaluation.Evaluation;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/** Precision, recall and F1 of each digit as grouped bars. */
public final class ClassScoresChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 480;

    private ClassScoresChart() {}

    public static CategoryChart chart(Evaluation evaluation, String title) {
        List<ClassScore> scores = evaluation.classes();
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("the evaluation has no per-class scores");
        }
        List<String> digits = scores.stream().map(s -> Integer.toString(s.digit())).toList();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("digit").yAxisTitle("score").build();
        chart.addSeries("precision", digits, scores.stream().map(ClassScore::precision).toList());
        chart.addSeries("recall", digits, scores.stream().map(ClassScore::recall).toList());
        chart.addSeries("F1", digits, scores.stream().map(ClassScore::f1).toList());
        double lowest = scores.stream()
                .flatMap(s -> java.util.stream.Stream.of(s.precision(), s.recall(), s.f1()))
                .mapToDouble(Double::doubleValue).min().orElse(0);
        // Zoom in on the top of the scale, where a good model's bars differ.
        double floor = Math.max(0, Math.floor((lowest - 0.01) * 50) / 50);
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setYAxisMin(floor);
        styler.setYAxisMax(1.0);
        styler.setYAxisDecimalPattern("0.00");
        styler.setSeriesColors(new Color[] {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C)});
        return chart;
    }
}
