package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.LeNet;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds DJL model zoo's {@link LeNet} (which has no factory of its own) for ten digits.
 * Argument {@value #CHANNELS}: the two convolutions' filters and the two dense layers' units.
 */
public final class LeNetBlockFactory implements DigitBlockFactory {

    public static final String CHANNELS = "numChannels";

    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return "LeNet-5 from DJL's model zoo: 5x5 convolutions 6 and 16, sigmoids, average pooling,"
                + " dense 120, 84, 10";
    }

    @Override
    public Map<String, String> defaultArguments() {
        return Map.of(CHANNELS, "6,16,120,84");
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        requireArguments(arguments);
        int[] channels = BlockArguments.positiveInts(arguments, CHANNELS);
        if (channels.length != 4) {
            throw new IllegalArgumentException("the argument " + CHANNELS + " needs 4 numbers (for example 6,16,120,84),"
                    + " not " + channels.length);
        }
        return LeNet.builder().setNumChannels(channels).setOutSize(DigitNetwork.CLASSES).build();
    }
}
