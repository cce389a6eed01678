package dev.digits.charts;

import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.AtomicFiles;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.ValidationSet;
import dev.digits.model.history.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a model folder's pictures from its history and evaluation alone: no data set and no
 * engine. They go to the folder's {@code charts/}. Drawing needs no display: without one
 * ({@code DISPLAY} unset) Java runs headless by itself.
 */
public final class ModelCharts {

    public static final String CONFUSION_MATRIX = "confusion-matrix.png";
    public static final String LEARNING_CURVES = "learning-curves.png";
    public static final String CLASS_SCORES = "class-scores.png";
    public static final String MISTAKES = "mistakes.png";
    public static final String CLASS_REPORT = "class-report.txt";

    private static final Logger logger = LoggerFactory.getLogger(ModelCharts.class);

    private ModelCharts() {}

    /**
     * Draws every chart of the folder into its {@code charts/} folder.
     *
     * @return the files written
     * @throws ModelFolderException if the model, its history or its evaluation is missing or
     *     unreadable, or the evaluation describes another model
     */
    public static List<Path> drawAll(ModelFolder folder) throws IOException {
        return drawAll(folder.readHistory(), folder.readEvaluation(), folder.chartsDir());
    }

    /** Draws every chart from a history and an evaluation into a folder; learning curves only for a history with epochs. */
    public static List<Path> drawAll(TrainingHistory history, Evaluation evaluation, Path dir) throws IOException {
        Files.createDirectories(dir);
        String about = String.format(Locale.ROOT, "%s %s, test accuracy %.2f%% on %d images",
                evaluation.engine(), evaluation.engineVersion(), evaluation.accuracy() * 100, evaluation.images());
        List<Path> written = new ArrayList<>();
        written.add(save(dir.resolve(CONFUSION_MATRIX),
                png(ConfusionHeatmap.chart(evaluation.matrix(), "Confusion matrix (" + about + ")"))));
        // An ensemble was combined, not trained: it has no epochs to draw.
        if (history.size() > 0) {
            written.add(save(dir.resolve(LEARNING_CURVES),
                    png(LearningCurves.charts(history, history.size() == 1 ? " (1 epoch)" : ""), 1, 2)));
        } else {
            Files.deleteIfExists(dir.resolve(LEARNING_CURVES));
        }
        written.add(save(dir.resolve(CLASS_SCORES),
                png(ClassScoresChart.chart(evaluation, "Per-class scores (" + about + ")"))));
        written.add(save(dir.resolve(MISTAKES), png(MistakeGallery.image(evaluation.mistakes(),
                "Most confidently wrong test images (" + evaluation.engine() + ")"))));
        written.add(save(dir.resolve(CLASS_REPORT), evaluation.classReport().getBytes(StandardCharsets.UTF_8)));
        logger.info("Charts drawn in {}", dir);
        return written;
    }

    /**
     * Draws the learning curves of several model folders side by side into one PNG file, each run
     * named by its folder, recipe and the images it validated on.
     */
    public static Path drawCompared(List<ModelFolder> folders, Path file) throws IOException {
        java.util.Map<String, TrainingHistory> runs = new java.util.LinkedHashMap<>();
        for (ModelFolder folder : folders) {
            TrainingHistory history = folder.readHistory();
            var hyperparameters = folder.readMetadata().hyperparameters();
            String recipe = hyperparameters == null ? "" : hyperparameters.recipe() + ", ";
            ValidationSet validated = history.last().map(EpochRecord::validationSet).orElse(ValidationSet.TEST);
            runs.put(folder.root().getFileName() + " (" + recipe + "validated on " + validated + ")", history);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return save(file, png(LearningCurves.compared(runs), 1, 2));
    }

    static Path save(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static <T extends Chart<?, ?>> byte[] png(List<T> charts, int rows, int columns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(charts, rows, columns, out, BitmapEncoder.BitmapFormat.PNG);
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
