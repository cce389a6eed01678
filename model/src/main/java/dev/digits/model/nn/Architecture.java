package dev.digits.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The networks digits trains, each built by a DJL {@link BlockFactory} from string arguments,
 * as a model folder's {@code serving.properties} records them. All read one 1x28x28 image in
 * [0, 1] and answer ten logits.
 */
public enum Architecture {

    /** The seed's CNN, the default: 2,076,554 parameters. */
    SEED_CNN("seed-cnn", SeedCnnBlockFactory::new),
    /** The seed's CNN with batch normalisation before each ReLU: 2,077,962 parameters. */
    SEED_CNN_BN("seed-cnn-bn", SeedCnnBnBlockFactory::new),
    /** Seven convolutions with batch normalisation, shrinking by stride rather than pooling: 327,242 parameters. */
    STRIDED_CNN("strided-cnn", StridedCnnBlockFactory::new),
    /** LeNet-5 from DJL's model zoo: sigmoid activations, average pooling. */
    LENET("lenet", LeNetBlockFactory::new),
    /** ResNet-20 from DJL's model zoo's ResNetV1 builder, which sizes it for 28x28 images. */
    RESNET("resnet", SmallResNetBlockFactory::new),
    /** DJL model zoo's multilayer perceptron. */
    MLP("mlp", DigitMlpBlockFactory::new),
    /**
     * Trained networks of one architecture combined by {@code digits ensemble}, answering the mean of
     * their probabilities; not trained itself.
     */
    ENSEMBLE("ensemble", EnsembleBlockFactory::new);

    /** Networks built, of every architecture, for the tests that count how often loading builds one. */
    static final java.util.concurrent.atomic.LongAdder BUILDS = new java.util.concurrent.atomic.LongAdder();

    /** The architecture a model is trained with when none is named. */
    public static final Architecture DEFAULT = SEED_CNN;

    private final String id;
    private final DigitBlockFactory factory;

    Architecture(String id, Supplier<DigitBlockFactory> factory) {
        this.id = id;
        this.factory = factory.get();
    }

    /** The name used on the command line and in model folders, for example {@code seed-cnn}. */
    public String id() {
        return id;
    }

    public String description() {
        return factory.description();
    }

    /** The block factory's arguments for this architecture as digits trains it. */
    public Map<String, String> defaultArguments() {
        return new LinkedHashMap<>(new TreeMap<>(factory.defaultArguments()));
    }

    /**
     * Builds the network, uninitialised, from a folder's arguments.
     *
     * @throws IllegalArgumentException if an argument is missing or out of range
     */
    public Block newBlock(Map<String, String> blockArguments) {
        BUILDS.increment();
        try {
            return factory.newBlock(null, null, blockArguments);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(id + ": an argument is not a number: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            // The factories build from arguments alone; none reads a file.
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * How many weights an uninitialised network would have, found without allocating them: every
     * parameter is initialised as a scalar while its shape is added up. A folder's arguments are
     * checked against its weights this way before anything of their size exists; reading weights
     * into the block afterwards replaces the scalars.
     *
     * @param scratch where the scalars are made; closed by the caller
     */
    public static long countParameters(Block block, NDManager scratch) {
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
