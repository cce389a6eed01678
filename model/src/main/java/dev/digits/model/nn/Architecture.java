package dev.digits.model.nn;

import ai.djl.basicmodelzoo.basic.MlpBlockFactory;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The networks digits trains, each built by a DJL {@link BlockFactory} from string arguments,
 * as a model folder's {@code serving.properties} records them. All read one 1x28x28 image in
 * [0, 1] and answer ten logits.
 */
public enum Architecture {

    /** The seed's CNN, the default: 2,076,554 parameters. */
    SEED_CNN("seed-cnn", "the seed's CNN: conv 32/64/128 3x3 ReLU, max-pool 2x2, dropout 0.5, dense 128, dense 10",
            SeedCnnBlockFactory::new, Map.of()),
    /** The seed's CNN with batch normalisation before each ReLU: 2,077,962 parameters. */
    SEED_CNN_BN("seed-cnn-bn", "the seed's CNN with batch normalisation after each convolution and the dense 128,"
            + " before its ReLU", SeedCnnBlockFactory::new, Map.of(SeedCnnBlockFactory.BATCH_NORM, "true")),
    /** Seven convolutions with batch normalisation, shrinking by stride rather than pooling: 327,242 parameters. */
    STRIDED_CNN("strided-cnn", "conv 32,32 3x3, conv 32 5x5 stride 2, conv 64,64 3x3, conv 64 5x5 stride 2,"
            + " conv 128 4x4, dense 10; batch normalisation and ReLU after each convolution, dropout "
            + StridedCnnBlockFactory.DEFAULT_DROPOUT + " after each stage", StridedCnnBlockFactory::new,
            Map.of(StridedCnnBlockFactory.DROPOUT, StridedCnnBlockFactory.DEFAULT_DROPOUT)),
    /** LeNet-5 from DJL's model zoo: sigmoid activations, average pooling. */
    LENET("lenet", "LeNet-5 from DJL's model zoo: 5x5 convolutions 6 and 16, sigmoids, average pooling,"
            + " dense 120, 84, 10", LeNetBlockFactory::new, Map.of(LeNetBlockFactory.CHANNELS, "6,16,120,84")),
    /** ResNet-20 from DJL's model zoo's ResNetV1 builder, which sizes it for 28x28 images. */
    RESNET("resnet", "ResNetV1 from DJL's model zoo sized for 28x28: 20 layers, 16/32/64 filters,"
            + " batch normalisation", SmallResNetBlockFactory::new, Map.of(SmallResNetBlockFactory.LAYERS, "20")),
    /** DJL model zoo's multilayer perceptron. */
    MLP("mlp", "DJL model zoo's multilayer perceptron: 784-128-64-10 with ReLU", MlpBlockFactory::new,
            Map.of("width", "28", "height", "28", "output", "10", "hidden", "128,64")),
    /**
     * Trained networks of one architecture combined by {@code digits ensemble}, answering the mean of
     * their probabilities; not trained itself.
     */
    ENSEMBLE("ensemble", "trained networks of one architecture side by side, answering the mean of their"
            + " probabilities (made by digits ensemble, not trained)", EnsembleBlockFactory::new,
            Map.of(EnsembleBlockFactory.MEMBERS, "2", EnsembleBlockFactory.MEMBER_ARCHITECTURE, "seed-cnn"));

    /** The architecture a model is trained with when none is named. */
    public static final Architecture DEFAULT = SEED_CNN;

    private final String id;
    private final String description;
    private final Supplier<BlockFactory> factory;
    private final Map<String, String> arguments;

    Architecture(String id, String description, Supplier<BlockFactory> factory, Map<String, String> arguments) {
        this.id = id;
        this.description = description;
        this.factory = factory;
        this.arguments = new java.util.TreeMap<>(arguments);
    }

    /** The name used on the command line and in model folders, for example {@code seed-cnn}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The block factory's arguments for this architecture as digits trains it. */
    public Map<String, String> defaultArguments() {
        return new LinkedHashMap<>(arguments);
    }

    /**
     * Builds the network, uninitialised, from a folder's arguments.
     *
     * @throws IllegalArgumentException if an argument is missing or out of range
     */
    public Block newBlock(Map<String, String> blockArguments) {
        for (String key : arguments.keySet()) {
            if (!blockArguments.containsKey(key)) {
                throw new IllegalArgumentException(id + " needs the argument " + key + " (for example " + key + "="
                        + arguments.get(key) + ")");
            }
        }
        if (this == MLP) {
            for (String key : List.of("width", "height", "output")) {
                int expected = Integer.parseInt(arguments.get(key));
                if (BlockArguments.positiveInt(blockArguments, key) != expected) {
                    throw new IllegalArgumentException("mlp's " + key + " must be " + expected + " for 28x28 digits");
                }
            }
            BlockArguments.positiveInts(blockArguments, "hidden");
        }
        try {
            return factory.get().newBlock(null, null, blockArguments);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(id + ": an argument is not a number: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            // The factories build from arguments alone; none reads a file.
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * How many weights the network these arguments describe would have, found without allocating
     * them: every parameter is initialised as a scalar while its shape is added up. A folder's
     * arguments are checked against its weights this way before anything of their size exists.
     *
     * @param scratch where the scalars are made; closed by the caller
     * @throws IllegalArgumentException if an argument is missing or out of range
     */
    public long countParameters(Map<String, String> blockArguments, NDManager scratch) {
        Block block = newBlock(blockArguments);
        long[] count = {0};
        block.setInitializer((manager, shape, dataType) -> {
            count[0] = Math.addExact(count[0], shape.size());
            return manager.zeros(new Shape(), dataType);
        }, parameter -> true);
        block.initialize(scratch, DataType.FLOAT32, DigitNetwork.inputShape(1));
        return count[0];
    }

    /** How many weights a network has once initialised or loaded. */
    public static long parameterCount(Block block) {
        long count = 0;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> parameter : block.getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }

    /**
     * The architecture with this name.
     *
     * @throws IllegalArgumentException naming the architectures there are
     */
    public static Architecture parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Architecture architecture : values()) {
            if (architecture.id.equals(wanted)) {
                return architecture;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "'; choose one of " + ids());
    }

    /**
     * The architecture with this name, if it is one {@code digits train} trains.
     *
     * @throws IllegalArgumentException naming the architectures there are
     */
    public static Architecture parseTrainable(String name) {
        Architecture architecture = parse(name);
        if (!architecture.trainable()) {
            throw new IllegalArgumentException(architecture.id + " is not trained: digits ensemble combines trained"
                    + " model folders into one; train one of " + trainableIds());
        }
        return architecture;
    }

    /** Whether {@code digits train} trains it (an ensemble is combined from trained networks instead). */
    public boolean trainable() {
        return this != ENSEMBLE;
    }

    /** The names of the architectures {@code digits train} trains. */
    public static String trainableIds() {
        return Arrays.stream(values()).filter(Architecture::trainable).map(Architecture::id)
                .collect(Collectors.joining(", "));
    }

    /** The names of all architectures, for messages and help. */
    public static String ids() {
        return Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
