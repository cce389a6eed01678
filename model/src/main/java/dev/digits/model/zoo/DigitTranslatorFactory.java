package dev.digits.model.zoo;

import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.translator.ImageServingTranslator;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import dev.digits.engine.EngineName;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.nn.Architecture;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The translators of a digits model, named by its {@code serving.properties}:
 * <ul>
 *   <li>{@link Image} to {@link Classifications}: any image of one digit, made MNIST-style;
 *   <li>{@link Path} to {@link Classifications}: an image file;
 *   <li>{@code float[]} to {@link Classifications}: 784 MNIST-style pixels, row by row, 0 to 1;
 *   <li>{@link NDList} to {@link NDList}: the network's logits for an (N, 1, 28, 28) batch;
 *   <li>{@link Input} to {@link Output}, as DJL Serving calls a model: image bytes in, the
 *       classifications as JSON out.
 * </ul>
 * DJL's {@code Criteria} uses this factory when told to ({@code optTranslatorFactory}, or DJL's
 * {@code DeferredTranslatorFactory}, which takes the one serving.properties names); for
 * {@code Input} to {@code Output} it finds it in serving.properties by itself.
 * Class names are the digits "0" to "9". Before it hands a translator over, the factory checks
 * that DJL read weights for the whole network, as many as the folder says it has.
 */
public final class DigitTranslatorFactory implements TranslatorFactory {

    private static final Set<Pair<Type, Type>> SUPPORTED = Set.of(
            new Pair<>(Image.class, Classifications.class),
            new Pair<>(Path.class, Classifications.class),
            new Pair<>(float[].class, Classifications.class),
            new Pair<>(NDList.class, NDList.class),
            new Pair<>(Input.class, Output.class));

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return SUPPORTED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model,
            Map<String, ?> arguments) {
        checkLoaded(model, arguments);
        if (output == Classifications.class) {
            if (input == Image.class) {
                return (Translator<I, O>) new DigitImageTranslator();
            }
            if (input == Path.class) {
                return (Translator<I, O>) new DigitFileTranslator();
            }
            if (input == float[].class) {
                return (Translator<I, O>) new DigitPixelsTranslator();
            }
        }
        if (input == Input.class && output == Output.class) {
            return (Translator<I, O>) new ImageServingTranslator(new DigitImageTranslator());
        }
        if (input == NDList.class && output == NDList.class) {
            return (Translator<I, O>) new NoopTranslator(null);
        }
        throw new IllegalArgumentException("a digits model reads Image, Path or float[] into Classifications,"
                + " NDList into NDList, or Input into Output; not " + input.getSimpleName() + " into " + output.getSimpleName());
    }

    /** Whether the model is a folder's ONNX export, which answers probabilities, not logits. */
    static boolean runsExport(Model model) {
        return EngineName.ONNX_RUNTIME.djlName().equals(model.getNDManager().getEngine().getEngineName());
    }

    /** DJL skips a parameters file it does not recognise; a model without weights must not answer. */
    private static void checkLoaded(Model model, Map<String, ?> arguments) {
        if (runsExport(model)) {
            // No weights are read: the block factory checked the export's SHA-256 instead.
            return;
        }
        Block block = model.getBlock();
        Object expected = arguments.get("parameterCount");
        String where = model.getModelPath() == null ? model.getName() : model.getModelPath().toString();
        String problem = null;
        if (block == null || !block.isInitialized()) {
            problem = "no weights were read";
        } else if (expected != null) {
            long count = Architecture.parameterCount(block);
            if (!Long.toString(count).equals(expected.toString().trim())) {
                problem = "the network read " + count + " weights but serving.properties says " + expected;
            }
        }
        if (problem != null) {
            model.close();
            throw new ModelFolderException("cannot load the model in " + where + ": " + problem
                    + ". The folder is damaged or is not a digits model.");
        }
    }
}
