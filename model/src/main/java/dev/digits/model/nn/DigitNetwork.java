package dev.digits.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * The digit CNN, defined here and nowhere else.
 *
 * <p>Conv 32 3x3 ReLU, conv 64 3x3 ReLU, conv 128 3x3 ReLU, max-pool 2x2, dropout 0.5, flatten,
 * dense 128 ReLU, dense 10. The output is logits: softmax belongs to the loss in training and to
 * the recognizer in inference. Weights start Glorot-uniform and biases at zero, as in Keras.
 */
public final class DigitNetwork {

    /** Images are squares of this many pixels a side, as MNIST's. */
    public static final int IMAGE_SIDE = 28;

    public static final int IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;

    /** Images are one channel of 28x28 pixels in [0, 1], batch first. */
    public static final Shape IMAGE_SHAPE = new Shape(1, IMAGE_SIDE, IMAGE_SIDE);

    public static final int CLASSES = 10;

    /** The classes' names, as DJL's Classifications give them: the digits "0" to "9". */
    public static final java.util.List<String> CLASS_NAMES =
            java.util.stream.IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList();

    /** Weights and biases of all layers; a test pins it. */
    public static final long PARAMETER_COUNT = 2_076_554L;

    /** What batch normalisation adds: a scale, shift, running mean and variance per channel of 32+64+128+128. */
    public static final long BATCH_NORM_PARAMETERS = 4L * (32 + 64 + 128 + 128);

    private DigitNetwork() {}

    /** Creates the seed's network, uninitialised, with Keras's initialisers set. */
    public static SequentialBlock create() {
        return create(false);
    }

    /**
     * Creates the network, uninitialised, with Keras's initialisers set.
     *
     * @param batchNorm normalise each convolution's and the dense layer's output over the batch
     *     before its ReLU (the seed has none); adds {@value #BATCH_NORM_PARAMETERS} parameters
     */
    public static SequentialBlock create(boolean batchNorm) {
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {32, 64, 128}) {
            block.add(conv(filters));
            addActivation(block, batchNorm);
        }
        block.add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build());
        addActivation(block, batchNorm);
        block.add(Linear.builder().setUnits(CLASSES).build());
        startAsKeras(block);
        return block;
    }

    /** Sets Keras's initialisers on a network: weights Glorot uniform, biases zero. */
    static void startAsKeras(Block block) {
        // Glorot uniform: limit sqrt(6 / (fanIn + fanOut)) = sqrt(3 / mean(fanIn, fanOut)).
        block.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f),
                Parameter.Type.WEIGHT);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
    }

    private static void addActivation(SequentialBlock block, boolean batchNorm) {
        if (batchNorm) {
            block.add(BatchNorm.builder().build());
        }
        block.add(Activation::relu);
    }

    /** Creates the network and initialises its parameters for a batch of images. */
    public static SequentialBlock createInitialized(NDManager manager) {
        SequentialBlock block = create();
        block.initialize(manager, DataType.FLOAT32, inputShape(1));
        return block;
    }

    /** The input shape for a batch of the given size. */
    public static Shape inputShape(long batchSize) {
        return new Shape(batchSize).addAll(IMAGE_SHAPE);
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).build();
    }
}
