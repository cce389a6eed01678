package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the seed's CNN, {@link DigitNetwork}: as the seed has it, or with batch normalisation
 * when the argument {@value #BATCH_NORM} is {@code true} (absent: the seed's).
 */
public final class SeedCnnBlockFactory implements DigitBlockFactory {

    private static final long serialVersionUID = 1L;

    static final String BATCH_NORM = "batchNorm";

    @Override
    public String description() {
        return "the seed's CNN: conv 32/64/128 3x3 ReLU, max-pool 2x2, dropout 0.5, dense 128, dense 10";
    }

    @Override
    public Map<String, String> defaultArguments() {
        return Map.of();
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        requireArguments(arguments);
        Object batchNorm = arguments == null ? null : arguments.get(BATCH_NORM);
        if (batchNorm == null) {
            return DigitNetwork.create();
        }
        String value = batchNorm.toString().trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("the argument " + BATCH_NORM + " is '" + value + "'; it must be true or false");
        }
        return DigitNetwork.create(Boolean.parseBoolean(value));
    }
}
