package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.basicmodelzoo.basic.MlpBlockFactory;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * DJL model zoo's multilayer perceptron for 28x28 digits: its own factory builds it, after the
 * image's size and the ten classes are checked and the hidden widths bounded.
 */
public final class DigitMlpBlockFactory implements DigitBlockFactory {

    private static final long serialVersionUID = 1L;

    private static final Map<String, String> DEFAULTS = Map.of("width", "28", "height", "28", "output", "10",
            "hidden", "128,64");

    @Override
    public String description() {
        return "DJL model zoo's multilayer perceptron: 784-128-64-10 with ReLU";
    }

    @Override
    public Map<String, String> defaultArguments() {
        return DEFAULTS;
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        requireArguments(arguments);
        for (String key : List.of("width", "height", "output")) {
            int expected = Integer.parseInt(DEFAULTS.get(key));
            if (BlockArguments.positiveInt(arguments, key) != expected) {
                throw new IllegalArgumentException("mlp's " + key + " must be " + expected + " for 28x28 digits");
            }
        }
        BlockArguments.positiveInts(arguments, "hidden");
        return new MlpBlockFactory().newBlock(model, modelPath, arguments);
    }
}
