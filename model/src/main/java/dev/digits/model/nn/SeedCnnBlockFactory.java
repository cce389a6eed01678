package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.nio.file.Path;
import java.util.Map;

/** Builds the seed's CNN, {@link DigitNetwork}; it takes no arguments. */
public final class SeedCnnBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        return DigitNetwork.create();
    }
}
