package dev.digits.model.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * A model's results on a set of test images; saved beside its model as {@code evaluation-SHA8.json}.
 *
 * @param paramsSha256 the parameters file evaluated, so a report can tell which model it describes
 * @param engine the engine that ran the evaluation
 * @param engineVersion its version
 * @param device the device it ran on
 * @param images how many test images
 * @param accuracy share of images predicted right
 * @param loss mean softmax cross-entropy
 * @param confusionMatrix counts indexed [true digit][predicted digit]
 * @param classes precision, recall and F1 per digit
 * @param mistakes the most confidently wrong images, most confident first
 * @param evaluatedAt ISO-8601 time
 */
public record Evaluation(
        String paramsSha256,
        String engine,
        String engineVersion,
        String device,
        int images,
        double accuracy,
        double loss,
        long[][] confusionMatrix,
        List<ClassScore> classes,
        List<Mistake> mistakes,
        String evaluatedAt) {

    public Evaluation {
        classes = List.copyOf(classes == null ? List.of() : classes);
        mistakes = List.copyOf(mistakes == null ? List.of() : mistakes);
        if (confusionMatrix == null) {
            throw new IllegalArgumentException("an evaluation needs a confusion matrix");
        }
        confusionMatrix = ConfusionMatrix.of(confusionMatrix).counts();
    }

    /** The confusion matrix as an object. */
    public ConfusionMatrix matrix() {
        return ConfusionMatrix.of(confusionMatrix);
    }

    /** The per-class report as a text table. */
    public String classReport() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%5s  %9s  %6s  %6s  %7s%n", "digit", "precision", "recall", "f1", "support"));
        for (ClassScore score : classes) {
            text.append(String.format(Locale.ROOT, "%5d  %9.4f  %6.4f  %6.4f  %7d%n",
                    score.digit(), score.precision(), score.recall(), score.f1(), score.support()));
        }
        text.append(String.format(Locale.ROOT, "accuracy %.4f on %d images (%s %s, %s)%n",
                accuracy, images, engine, engineVersion, device));
        // Finer than the accuracy where models differ by a few images: what the ensembles are chosen on.
        text.append(String.format(Locale.ROOT, "loss %.5f (mean cross-entropy)%n", loss));
        return text.toString();
    }
}
