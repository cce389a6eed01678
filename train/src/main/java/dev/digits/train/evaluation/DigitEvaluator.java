package dev.digits.train.evaluation;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
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
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Runs a model over test images and returns its {@link Evaluation}. */
public final class DigitEvaluator {

    /** How many of the most confidently wrong images an evaluation keeps. */
    public static final int MISTAKES_KEPT = 25;

    private DigitEvaluator() {}

    /**
     * Evaluates the model on every image of the data set.
     *
     * @param model a model holding the digit network
     * @param testSet labelled images, (N, 1, 28, 28) in [0, 1]
     * @param runtime the engine and device, recorded in the result
     * @param paramsSha256 the parameters file the model was loaded from or saved to
     * @param manager where batches are made
     */
    public static Evaluation evaluate(Model model, Dataset testSet, EngineRuntime runtime, String paramsSha256,
            NDManager manager) throws IOException, TranslateException {
        int classes = DigitNetwork.CLASSES;
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        PriorityQueue<Mistake> worst = new PriorityQueue<>(Comparator.comparingDouble(Mistake::confidence));
        double lossSum = 0;
        int index = 0;
        ParameterStore parameters = new ParameterStore(manager, false);
        for (Batch batch : testSet.getData(manager)) {
            try (batch) {
                NDArray images = batch.getData().singletonOrThrow().toDevice(runtime.device(), false);
                NDArray logits = model.getBlock().forward(parameters, new NDList(images), false).singletonOrThrow();
                float[] logProbabilities = logits.logSoftmax(1).toFloatArray();
                float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
                float[] pixels = null;
                for (int i = 0; i < labels.length; i++, index++) {
                    int truth = (int) labels[i];
                    int predicted = 0;
                    for (int c = 1; c < classes; c++) {
                        if (logProbabilities[i * classes + c] > logProbabilities[i * classes + predicted]) {
                            predicted = c;
                        }
                    }
                    matrix.add(truth, predicted);
                    lossSum -= logProbabilities[i * classes + truth];
                    if (predicted != truth) {
                        double confidence = Math.exp(logProbabilities[i * classes + predicted]);
                        if (worst.size() < MISTAKES_KEPT || confidence > worst.peek().confidence()) {
                            if (pixels == null) {
                                pixels = images.toFloatArray();
                            }
                            worst.add(new Mistake(index, truth, predicted, confidence, greyLevels(pixels, i)));
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

    private static int[] greyLevels(float[] batchPixels, int image) {
        int size = Mistake.SIDE * Mistake.SIDE;
        int[] grey = new int[size];
        for (int p = 0; p < size; p++) {
            float value = batchPixels[image * size + p];
            grey[p] = Math.max(0, Math.min(255, Math.round(value * 255f)));
        }
        return grey;
    }
}
