package dev.digits.train.evaluation;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.evaluation.ConfusionMatrix;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.evaluation.Mistake;
import dev.digits.model.nn.DigitNetwork;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Reads test images through a model's translator and returns its {@link Evaluation}: the
 * evaluation of a folder measures the path that serves it.
 */
public final class DigitEvaluator {

    /** How many of the most confidently wrong images an evaluation keeps. */
    public static final int MISTAKES_KEPT = 25;

    private DigitEvaluator() {}

    /** Reads a batch of MNIST-style pixel arrays, as a predictor with the digits translator does. */
    @FunctionalInterface
    public interface Reader {
        List<Classifications> classify(List<float[]> pixels) throws TranslateException;
    }

    /**
     * One image as a reader answered it.
     *
     * @param index its place in the data set, from 0
     * @param truth its label
     * @param pixels its 784 pixels in [0, 1]
     * @param byDigit the probability the reader gave each digit, 0 to 9
     */
    public record Answer(int index, int truth, float[] pixels, double[] byDigit) {

        /** The digit the reader read. */
        public int predicted() {
            return mostLikely(byDigit);
        }
    }

    /** The digit given the highest probability (the lowest such digit on a tie). */
    public static int mostLikely(double[] byDigit) {
        int predicted = 0;
        for (int c = 1; c < byDigit.length; c++) {
            if (byDigit[c] > byDigit[predicted]) {
                predicted = c;
            }
        }
        return predicted;
    }

    /**
     * Reads every image of the data set through the reader and hands on each answer, in order.
     *
     * @return how many images were read
     */
    public static int read(Reader reader, Dataset images, NDManager manager, Consumer<Answer> each)
            throws IOException, TranslateException {
        int index = 0;
        for (Batch batch : images.getData(manager)) {
            try (batch) {
                float[] all = batch.getData().singletonOrThrow().toFloatArray();
                float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
                List<float[]> pixels = new ArrayList<>(labels.length);
                for (int i = 0; i < labels.length; i++) {
                    pixels.add(Arrays.copyOfRange(all, i * DigitNetwork.IMAGE_PIXELS,
                            (i + 1) * DigitNetwork.IMAGE_PIXELS));
                }
                List<Classifications> answers = reader.classify(pixels);
                for (int i = 0; i < labels.length; i++, index++) {
                    List<Double> probabilities = answers.get(i).getProbabilities();
                    List<String> names = answers.get(i).getClassNames();
                    double[] byDigit = new double[DigitNetwork.CLASSES];
                    for (int c = 0; c < byDigit.length; c++) {
                        byDigit[Integer.parseInt(names.get(c))] = probabilities.get(c);
                    }
                    each.accept(new Answer(index, (int) labels[i], pixels.get(i), byDigit));
                }
            }
        }
        return index;
    }

    /** The loss of one answer: minus the log of the probability given to the right digit. */
    public static double loss(double probabilityOfTruth) {
        // A probability that rounds to zero would make the loss infinite.
        return -Math.log(Math.max(probabilityOfTruth, Double.MIN_NORMAL));
    }

    /**
     * Evaluates a reader on every image of the data set.
     *
     * @param reader the model's predictor or recognizer
     * @param testSet labelled images, (N, 1, 28, 28) in [0, 1]
     * @param runtime the engine and device, recorded in the result
     * @param paramsSha256 the parameters file the model was loaded from or saved to
     * @param manager where batches are made
     */
    public static Evaluation evaluate(Reader reader, Dataset testSet, EngineRuntime runtime, String paramsSha256,
            NDManager manager) throws IOException, TranslateException {
        ConfusionMatrix matrix = new ConfusionMatrix(DigitNetwork.CLASSES);
        PriorityQueue<Mistake> worst = new PriorityQueue<>(Comparator.comparingDouble(Mistake::confidence));
        double[] lossSum = {0};
        int images = read(reader, testSet, manager, answer -> {
            int predicted = answer.predicted();
            matrix.add(answer.truth(), predicted);
            lossSum[0] += loss(answer.byDigit()[answer.truth()]);
            if (predicted != answer.truth()) {
                double confidence = answer.byDigit()[predicted];
                if (worst.size() < MISTAKES_KEPT || confidence > worst.peek().confidence()) {
                    worst.add(new Mistake(answer.index(), answer.truth(), predicted, confidence,
                            greyLevels(answer.pixels())));
                    if (worst.size() > MISTAKES_KEPT) {
                        worst.poll();
                    }
                }
            }
        });
        if (images == 0) {
            throw new IllegalArgumentException("the test set is empty");
        }
        List<Mistake> mistakes = new ArrayList<>(worst);
        mistakes.sort(Comparator.comparingDouble(Mistake::confidence).reversed());
        return new Evaluation(paramsSha256, runtime.name().djlName(), runtime.version(), runtime.device().toString(),
                images, matrix.accuracy(), lossSum[0] / images, matrix.counts(), matrix.classScores(), mistakes,
                Instant.now().toString());
    }

    private static int[] greyLevels(float[] pixels) {
        int[] grey = new int[pixels.length];
        for (int p = 0; p < pixels.length; p++) {
            grey[p] = Math.max(0, Math.min(255, Math.round(pixels[p] * 255f)));
        }
        return grey;
    }
}
