package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.LeNet;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds DJL model zoo's {@link LeNet} (which has no factory of its own) for ten digits.
 * Argument {@value #CHANNELS}: the two convolutions' filters and the two dense layers' units.
 */
public final class LeNetBlockFactory implements BlockFactory {

    public static final String CHANNELS = "numChannels";

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        int[] channels = BlockArguments.positiveInts(arguments, CHANNELS);
        if (channels.length != 4) {
            throw new IllegalArgumentException("the argument " + CHANNELS + " needs 4 numbers (for example 6,16,120,84),"
                    + " not " + channels.length);
        }
        return LeNet.builder().setNumChannels(channels).setOutSize(DigitNetwork.CLASSES).build();
    }
}
