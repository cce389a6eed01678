package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a CNN that shrinks the image with strided convolutions rather than pooling: conv 32, 32
 * 3x3, conv 32 5x5 stride 2; conv 64, 64 3x3, conv 64 5x5 stride 2; conv 128 4x4 (to 1x1); dense
 * 10; each convolution followed by batch normalisation and ReLU, dropout after each stage. It does
 * a third of the seed CNN's multiply-adds per image with a sixth of its weights, so it trains faster
 * and can afford more epochs of augmented images. Argument {@value #DROPOUT}: the dropout rate.
 */
public final class StridedCnnBlockFactory implements DigitBlockFactory {

    public static final String DROPOUT = "dropout";

    /** The dropout rate digits trains it with. */
    static final String DEFAULT_DROPOUT = "0.4";

    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return "conv 32,32 3x3, conv 32 5x5 stride 2, conv 64,64 3x3, conv 64 5x5 stride 2,"
                + " conv 128 4x4, dense 10; batch normalisation and ReLU after each convolution, dropout "
                + DEFAULT_DROPOUT + " after each stage";
    }

    @Override
    public Map<String, String> defaultArguments() {
        return Map.of(DROPOUT, DEFAULT_DROPOUT);
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        requireArguments(arguments);
        float dropout = BlockArguments.rate(arguments, DROPOUT);
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {32, 64}) {
            addConvolution(block, filters, 3, 1, 0);
            addConvolution(block, filters, 3, 1, 0);
            // 5x5 with stride 2 and padding 2 halves the side: 24 -> 12, 8 -> 4.
            addConvolution(block, filters, 5, 2, 2);
            block.add(Dropout.builder().optRate(dropout).build());
        }
        addConvolution(block, 128, 4, 1, 0);
        block.add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(dropout).build())
                .add(Linear.builder().setUnits(DigitNetwork.CLASSES).build());
        DigitNetwork.startAsKeras(block);
        return block;
    }

    private static void addConvolution(SequentialBlock block, int filters, int side, int stride, int padding) {
        block.add(Conv2d.builder()
                        .setKernelShape(new Shape(side, side))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(padding, padding))
                        .setFilters(filters)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu);
    }
}
