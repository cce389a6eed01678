package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Map;

/** Builds the seed's CNN with batch normalisation after each convolution and the dense 128. */
public final class SeedCnnBnBlockFactory implements DigitBlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return "the seed's CNN with batch normalisation after each convolution and the dense 128, before its ReLU";
    }

    @Override
    public Map<String, String> defaultArguments() {
        return Map.of(SeedCnnBlockFactory.BATCH_NORM, "true");
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        requireArguments(arguments);
        return new SeedCnnBlockFactory().newBlock(model, modelPath, arguments);
    }
}
