package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds DJL model zoo's {@link ResNetV1} for 28x28 digits: for images this small the builder
 * makes the CIFAR-style network, a 3x3 stem and three stages of 16, 32 and 64 filters. Argument
 * {@value #LAYERS}: 6n + 2 (8, 14, 20, ...). DJL's own {@code ResnetBlockFactory} wants the image
 * shape as a parsed JSON list, which a properties file cannot give, hence this factory.
 */
public final class SmallResNetBlockFactory implements DigitBlockFactory {

    public static final String LAYERS = "numLayers";

    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return "ResNetV1 from DJL's model zoo sized for 28x28: 20 layers, 16/32/64 filters,"
                + " batch normalisation";
    }

    @Override
    public Map<String, String> defaultArguments() {
        return Map.of(LAYERS, "20");
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        requireArguments(arguments);
        int layers = BlockArguments.positiveInt(arguments, LAYERS);
        if (layers < 8 || layers >= 164 || (layers - 2) % 6 != 0) {
            throw new IllegalArgumentException("the argument " + LAYERS + " is " + layers
                    + "; a ResNet for 28x28 images has 6n + 2 layers, from 8 to 158 (8, 14, 20, ...)");
        }
        return ResNetV1.builder()
                .setNumLayers(layers)
                .setOutSize(DigitNetwork.CLASSES)
                .setImageShape(DigitNetwork.IMAGE_SHAPE)
                .build();
    }
}
