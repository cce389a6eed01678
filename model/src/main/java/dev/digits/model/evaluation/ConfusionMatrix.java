package dev.digits.model.evaluation;

import java.util.ArrayList;
import java.util.List;

/** Counts of true digit by predicted digit, and the scores that follow from them. */
public final class ConfusionMatrix {

    private final long[][] counts;

    /** An empty matrix for the given number of classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1");
        }
        counts = new long[classes][classes];
    }

    /** A matrix from counts indexed [true][predicted]; the array is copied. */
    public static ConfusionMatrix of(long[][] counts) {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one row");
        }
        ConfusionMatrix matrix = new ConfusionMatrix(counts.length);
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == null || counts[t].length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix must be square: row " + t + " has "
                        + (counts[t] == null ? 0 : counts[t].length) + " columns, expected " + counts.length);
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("negative count at [" + t + "][" + p + "]");
                }
                matrix.counts[t][p] = counts[t][p];
            }
        }
        return matrix;
    }

    /** Counts one image. */
    public void add(int trueDigit, int predictedDigit) {
        counts[trueDigit][predictedDigit]++;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int trueDigit, int predictedDigit) {
        return counts[trueDigit][predictedDigit];
    }

    /** The counts, indexed [true][predicted]; a copy. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    public long rowTotal(int trueDigit) {
        long total = 0;
        for (long c : counts[trueDigit]) {
            total += c;
        }
        return total;
    }

    public long columnTotal(int predictedDigit) {
        long total = 0;
        for (long[] row : counts) {
            total += row[predictedDigit];
        }
        return total;
    }

    /** Share of images on the diagonal; 0 for an empty matrix. */
    public double accuracy() {
        long total = total();
        if (total == 0) {
            return 0;
        }
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        return (double) correct / total;
    }

    /** Precision, recall and F1 of each class. */
    public List<ClassScore> classScores() {
        List<ClassScore> scores = new ArrayList<>();
        for (int d = 0; d < counts.length; d++) {
            long truePositives = counts[d][d];
            long predicted = columnTotal(d);
            long actual = rowTotal(d);
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = actual == 0 ? 0 : (double) truePositives / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new ClassScore(d, precision, recall, f1, actual));
        }
        return scores;
    }
}
