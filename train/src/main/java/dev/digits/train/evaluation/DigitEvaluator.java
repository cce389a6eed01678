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
        int classes = DigitNetwork.CLASSES;
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        PriorityQueue<Mistake> worst = new PriorityQueue<>(Comparator.comparingDouble(Mistake::confidence));
        double lossSum = 0;
        int index = 0;
        for (Batch batch : testSet.getData(manager)) {
            try (batch) {
                float[] all = batch.getData().singletonOrThrow().toFloatArray();
                float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
                List<float[]> images = new ArrayList<>(labels.length);
                for (int i = 0; i < labels.length; i++) {
                    images.add(Arrays.copyOfRange(all, i * DigitNetwork.IMAGE_PIXELS,
                            (i + 1) * DigitNetwork.IMAGE_PIXELS));
                }
                List<Classifications> answers = reader.classify(images);
                for (int i = 0; i < labels.length; i++, index++) {
                    int truth = (int) labels[i];
                    List<Double> probabilities = answers.get(i).getProbabilities();
                    List<String> names = answers.get(i).getClassNames();
                    double[] byDigit = new double[classes];
                    for (int c = 0; c < classes; c++) {
                        byDigit[Integer.parseInt(names.get(c))] = probabilities.get(c);
                    }
                    int predicted = 0;
                    for (int c = 1; c < classes; c++) {
                        if (byDigit[c] > byDigit[predicted]) {
                            predicted = c;
                        }
                    }
                    matrix.add(truth, predicted);
                    // A probability that rounds to zero would make the loss infinite.
                    lossSum -= Math.log(Math.max(byDigit[truth], Double.MIN_NORMAL));
                    if (predicted != truth) {
                        double confidence = byDigit[predicted];
                        if (worst.size() < MISTAKES_KEPT || confidence > worst.peek().confidence()) {
                            worst.add(new Mistake(index, truth, predicted, confidence, greyLevels(images.get(i))));
                            if (worst.size() > MISTAKES_KEPT) {
                                worst.poll();
                            }
                        }
                    }
                }
            }
        }
        if (index == 0) {
            throw new IllegalArgumentException("the test set is empty");
        }
        List<Mistake> mistakes = new ArrayList<>(worst);
        mistakes.sort(Comparator.comparingDouble(Mistake::confidence).reversed());
        return new Evaluation(paramsSha256, runtime.name().djlName(), runtime.version(), runtime.device().toString(),
                index, matrix.accuracy(), lossSum / index, matrix.counts(), matrix.classScores(), mistakes,
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
