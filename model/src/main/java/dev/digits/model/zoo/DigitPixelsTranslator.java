package dev.digits.model.zoo;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.digits.model.image.DigitImages;
import dev.digits.model.nn.DigitNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * 784 MNIST-style pixels (row by row, 0 background to 1 ink) in, the ten digits' probabilities
 * out. Every digits reader ends here: images are turned into such pixels first, and evaluation
 * sends the test images' pixels, so what is measured is what is served.
 *
 * <p>A batch becomes one array and its answers are read back in one copy: per-image arrays would
 * cost a few native calls per image.
 */
public final class DigitPixelsTranslator implements Translator<float[], Classifications> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[] pixels) {
        return new NDList(ctx.getNDManager().create(DigitImages.checkPixels(pixels), DigitNetwork.IMAGE_SHAPE));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        return classifications(list.singletonOrThrow().toFloatArray(), 0, DigitTranslatorFactory.runsExport(ctx.getModel()));
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<float[]> inputs) {
        float[] batch = new float[inputs.size() * DigitNetwork.IMAGE_PIXELS];
        for (int i = 0; i < inputs.size(); i++) {
            System.arraycopy(DigitImages.checkPixels(inputs.get(i)), 0, batch, i * DigitNetwork.IMAGE_PIXELS,
                    DigitNetwork.IMAGE_PIXELS);
        }
        NDArray array = ctx.getNDManager().create(batch, DigitNetwork.inputShape(inputs.size()));
        return new NDList(array);
    }

    @Override
    public List<Classifications> batchProcessOutput(TranslatorContext ctx, NDList list) {
        float[] logits = list.singletonOrThrow().toFloatArray();
        boolean probabilities = DigitTranslatorFactory.runsExport(ctx.getModel());
        int n = logits.length / DigitNetwork.CLASSES;
        List<Classifications> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            answers.add(classifications(logits, i * DigitNetwork.CLASSES, probabilities));
        }
        return answers;
    }

    /**
     * Softmax of ten logits, in double precision and shifted by the largest so it cannot overflow;
     * an ONNX export's outputs are the probabilities already.
     */
    private static Classifications classifications(float[] logits, int from, boolean given) {
        if (given) {
            List<Double> probabilities = new ArrayList<>(DigitNetwork.CLASSES);
            for (int c = 0; c < DigitNetwork.CLASSES; c++) {
                probabilities.add((double) logits[from + c]);
            }
            return new Classifications(DigitNetwork.CLASS_NAMES, probabilities);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < DigitNetwork.CLASSES; c++) {
            max = Math.max(max, logits[from + c]);
        }
        double[] exp = new double[DigitNetwork.CLASSES];
        double sum = 0;
        for (int c = 0; c < DigitNetwork.CLASSES; c++) {
            exp[c] = Math.exp(logits[from + c] - max);
            sum += exp[c];
        }
        List<Double> probabilities = new ArrayList<>(DigitNetwork.CLASSES);
        for (double e : exp) {
            probabilities.add(e / sum);
        }
        return new Classifications(DigitNetwork.CLASS_NAMES, probabilities);
    }
}
