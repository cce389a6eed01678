package dev.digits.model.zoo;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A translator for inputs that become MNIST-style pixels first, then are read by
 * {@link DigitPixelsTranslator}: one path from any input to the answer.
 *
 * @param <I> the input
 */
abstract class DigitInputTranslator<I> implements Translator<I, Classifications> {

    private final DigitPixelsTranslator pixels = new DigitPixelsTranslator();

    /** The input's 784 MNIST-style pixels. */
    abstract float[] toPixels(TranslatorContext ctx, I input);

    @Override
    public NDList processInput(TranslatorContext ctx, I input) {
        return pixels.processInput(ctx, toPixels(ctx, input));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        return pixels.processOutput(ctx, list);
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<I> inputs) {
        List<float[]> batch = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            batch.add(toPixels(ctx, input));
        }
        return pixels.batchProcessInput(ctx, batch);
    }

    @Override
    public List<Classifications> batchProcessOutput(TranslatorContext ctx, NDList list) {
        return pixels.batchProcessOutput(ctx, list);
    }
}
