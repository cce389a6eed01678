package dev.digits.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A DJL network written as ONNX nodes, block by block. DJL's blocks say what they are, but for
 * its lambdas (activations, pooling, the join of parallel branches), which are code: those are
 * told apart by their name and the shapes they make, or by running them on known values and
 * comparing with each operator they could be. What cannot be told apart is refused, naming the
 * block; whatever is written is then checked against DJL as a whole ({@link OnnxExport}).
 */
final class BlockGraph {

    /** The widest pooling window looked for. */
    private static final int MAX_WINDOW = 7;

    private final ONNXContext onnx;
    private final NDManager manager;
    private int nodes;

    BlockGraph(ONNXContext onnx, NDManager manager) {
        this.onnx = onnx;
        this.manager = manager;
    }

    /**
     * Adds the block's nodes after {@code input}, an image batch of {@code shape} (batch 1).
     *
     * @return the block's output
     * @throws UnsupportedOperationException naming a block that has no ONNX form here
     */
    ONNXRef<?> add(Block block, ONNXRef<?> input, Shape shape) {
        if (block instanceof SequentialBlock) {
            ONNXRef<?> at = input;
            Shape atShape = shape;
            for (Block child : block.getChildren().values()) {
                at = add(child, at, atShape);
                atShape = child.getOutputShapes(new Shape[] {atShape})[0];
            }
            return at;
        }
        if (block instanceof Conv2d conv) {
            return convolution(conv, input);
        }
        if (block instanceof Linear) {
            if (shape.dimension() != 2) {
                throw new UnsupportedOperationException("a Linear block on " + shape + ", not a batch of vectors");
            }
            return node(OnnxOps.GEMM, List.of(input, weight(block, "weight"), weight(block, "bias")),
                    Map.of("transB", 1));
        }
        if (block instanceof BatchNorm) {
            return batchNorm(block, input);
        }
        if (block instanceof Dropout) {
            // Dropout does nothing at inference.
            return input;
        }
        if (block instanceof LambdaBlock lambda) {
            return lambda(lambda, input, shape);
        }
        if (block instanceof ParallelBlock parallel) {
            return parallel(parallel, input, shape);
        }
        throw new UnsupportedOperationException("no ONNX form for a " + block.getClass().getSimpleName() + " block");
    }

    private ONNXRef<?> convolution(Conv2d conv, ONNXRef<?> input) {
        long[] padding = conv.getPadding().getShape();
        List<ONNXRef<?>> inputs = new ArrayList<>(List.of(input, weight(conv, "weight")));
        if (conv.isIncludeBias()) {
            inputs.add(weight(conv, "bias"));
        }
        return node(OnnxOps.CONV, inputs, Map.of(
                "kernel_shape", ints(conv.getKernelShape().getShape()),
                "strides", ints(conv.getStride().getShape()),
                "pads", ints(new long[] {padding[0], padding[1], padding[0], padding[1]}),
                "dilations", ints(conv.getDilation().getShape()),
                "group", conv.getGroups()));
    }

    private ONNXRef<?> batchNorm(Block block, ONNXRef<?> input) {
        if ((int) field(BatchNorm.class, block, "axis") != 1) {
            throw new UnsupportedOperationException("batch normalisation over an axis other than the channels");
        }
        float epsilon = (float) field(BatchNorm.class, block, "epsilon");
        return node(OnnxOps.BATCH_NORMALIZATION, List.of(input, weight(block, "gamma"), weight(block, "beta"),
                weight(block, "runningMean"), weight(block, "runningVar")), Map.of("epsilon", epsilon));
    }

    private ONNXRef<?> lambda(LambdaBlock block, ONNXRef<?> input, Shape shape) {
        Shape out = block.getOutputShapes(new Shape[] {shape})[0];
        switch (block.getName()) {
            case "identity":
                return input;
            case "batchFlatten":
                return node(OnnxOps.FLATTEN, List.of(input), Map.of("axis", 1));
            case "maxPool2d":
                return pool(block, true, input, shape, out);
            case "avgPool2d":
                return pool(block, false, input, shape, out);
            case "globalAvgPool2d": {
                ONNXRef<?> pooled = node(OnnxOps.GLOBAL_AVERAGE_POOL, List.of(input), Map.of());
                return out.dimension() == 2 ? node(OnnxOps.FLATTEN, List.of(pooled), Map.of("axis", 1)) : pooled;
            }
            default:
                return elementWise(block, input, shape);
        }
    }

    /**
     * A square pooling, its window, stride and padding found by running the block on a random
     * image beside DJL's own pooling of each window, stride and padding that give its output's
     * size (and, averaging, with the padding counted or not).
     */
    private ONNXRef<?> pool(LambdaBlock block, boolean max, ONNXRef<?> input, Shape in, Shape out) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray probe = scratch.randomUniform(0, 1, in);
            NDArray pooled = block.forward(new ParameterStore(scratch, false), new NDList(probe), false)
                    .singletonOrThrow();
            for (int window = 1; window <= MAX_WINDOW; window++) {
                for (int stride = 1; stride <= window; stride++) {
                    for (int padding = 0; padding <= window / 2; padding++) {
                        if ((in.get(2) + 2 * padding - window) / stride + 1 != out.get(2)
                                || (in.get(3) + 2 * padding - window) / stride + 1 != out.get(3)) {
                            continue;
                        }
                        Shape k = new Shape(window, window);
                        Shape s = new Shape(stride, stride);
                        Shape p = new Shape(padding, padding);
                        Map<String, Object> attributes = new java.util.HashMap<>(Map.of(
                                "kernel_shape", new int[] {window, window}, "strides", new int[] {stride, stride},
                                "pads", new int[] {padding, padding, padding, padding}));
                        if (max) {
                            if (close(pooled, Pool.maxPool2d(probe, k, s, p, false))) {
                                return node(OnnxOps.MAX_POOL, List.of(input), attributes);
                            }
                            continue;
                        }
                        for (boolean countPadding : new boolean[] {true, false}) {
                            if (close(pooled, Pool.avgPool2d(probe, k, s, p, false, countPadding))) {
                                attributes.put("count_include_pad", countPadding ? 1 : 0);
                                return node(OnnxOps.AVERAGE_POOL, List.of(input), attributes);
                            }
                        }
                    }
                }
            }
        }
        throw new UnsupportedOperationException("a pooling from " + in + " to " + out + " that is no square window of"
                + " up to " + MAX_WINDOW + " pixels");
    }

    /** An activation: run on values from -4 to 4 and compared with each it could be. */
    private ONNXRef<?> elementWise(LambdaBlock block, ONNXRef<?> input, Shape shape) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray probe = scratch.arange(0f, (float) shape.size()).div(shape.size() - 1).mul(8).sub(4).reshape(shape);
            NDArray out = block.forward(new ParameterStore(scratch, false), new NDList(probe), false).singletonOrThrow();
            if (close(out, Activation.relu(probe))) {
                return node(OnnxOps.RELU, List.of(input), Map.of());
            }
            if (close(out, Activation.sigmoid(probe))) {
                return node(OnnxOps.SIGMOID, List.of(input), Map.of());
            }
            if (close(out, probe)) {
                return input;
            }
        }
        throw new UnsupportedOperationException("the lambda block '" + block.getName() + "' is none of ReLU, sigmoid or"
                + " identity");
    }

    /**
     * Branches from one input, joined: a residual unit (the sum, or the ReLU of the sum, of two
     * branches) or an ensemble (the log of the mean of the branches' softmax), told apart by
     * running the join on random branch outputs.
     */
    @SuppressWarnings("unchecked")
    private ONNXRef<?> parallel(ParallelBlock block, ONNXRef<?> input, Shape shape) {
        List<Block> branches = new ArrayList<>(block.getChildren().values());
        List<ONNXRef<?>> outputs = new ArrayList<>();
        for (Block branch : branches) {
            outputs.add(add(branch, input, shape));
        }
        Function<List<NDList>, NDList> join = (Function<List<NDList>, NDList>) field(ParallelBlock.class, block,
                "function");
        try (NDManager scratch = manager.newSubManager()) {
            List<NDList> probes = new ArrayList<>();
            for (Block branch : branches) {
                probes.add(new NDList(scratch.randomNormal(branch.getOutputShapes(new Shape[] {shape})[0])));
            }
            NDArray joined = join.apply(probes).singletonOrThrow();
            if (branches.size() == 2) {
                NDArray sum = probes.get(0).singletonOrThrow().add(probes.get(1).singletonOrThrow());
                if (close(joined, Activation.relu(sum))) {
                    return node(OnnxOps.RELU, List.of(node(OnnxOps.ADD, outputs, Map.of())), Map.of());
                }
                if (close(joined, sum)) {
                    return node(OnnxOps.ADD, outputs, Map.of());
                }
            }
            UnaryOperator<NDArray> softmax = array -> array.softmax(-1);
            NDArray mean = probes.stream().map(p -> softmax.apply(p.singletonOrThrow())).reduce(NDArray::add)
                    .orElseThrow().div(probes.size()).log();
            if (joined.getShape().dimension() == 2 && close(joined, mean)) {
                List<ONNXRef<?>> probabilities = new ArrayList<>();
                for (ONNXRef<?> logits : outputs) {
                    probabilities.add(node(OnnxOps.SOFTMAX, List.of(logits), Map.of("axis", 1)));
                }
                return node(OnnxOps.LOG, List.of(node(OnnxOps.MEAN, probabilities, Map.of())), Map.of());
            }
        }
        throw new UnsupportedOperationException("the join of a parallel block of " + branches.size() + " branches is"
                + " none of a sum, a ReLU of a sum or an ensemble's mean");
    }

    private static boolean close(NDArray a, NDArray b) {
        return Arrays.equals(a.getShape().getShape(), b.getShape().getShape())
                && a.sub(b).abs().max().getFloat() <= 1e-5f;
    }

    private ONNXInitializer weight(Block block, String name) {
        Parameter parameter = block.getDirectParameters().get(name);
        if (parameter == null || parameter.getArray() == null) {
            throw new UnsupportedOperationException("a " + block.getClass().getSimpleName() + " block has no " + name);
        }
        NDArray array = parameter.getArray();
        List<Integer> dims = Arrays.stream(array.getShape().getShape()).mapToObj(d -> (int) d).toList();
        float[] values = array.toFloatArray();
        return onnx.floatTensor(name + "_" + nodes++, dims, buffer -> buffer.put(values));
    }

    private ONNXRef<?> node(OnnxOps op, List<? extends ONNXRef<?>> inputs, Map<String, Object> attributes) {
        // Attributes in name order: the same network makes the same bytes in every JVM (Map.of's
        // order changes from one JVM to the next).
        return onnx.operation(op, inputs, op.getOpName().toLowerCase(java.util.Locale.ROOT) + "_" + nodes++,
                new java.util.TreeMap<>(attributes));
    }

    private static int[] ints(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }

    /** A private field of DJL's block that it keeps no getter for. */
    private static Object field(Class<?> type, Object block, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(block);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedOperationException("cannot read the " + name + " of a " + type.getSimpleName()
                    + " in DJL " + ai.djl.engine.Engine.getDjlVersion() + ": " + e.getMessage(), e);
        }
    }
}
