package dev.digits.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.model.nn.DigitNetwork;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A digit network as an ONNX model: input {@value #INPUT}, a float batch of (N, 1, 28, 28) MNIST
 * pixels with N free; output {@value #OUTPUT}, the ten probabilities of each image (dropout is
 * absent at inference; an ensemble's output is the mean of its members' probabilities). Before
 * the bytes are handed back, ONNX Runtime runs them beside DJL on {@value #CHECKED_IMAGES} images:
 * a graph that answers otherwise than the network is never written.
 */
public final class OnnxExport {

    public static final String INPUT = "pixels";
    public static final String OUTPUT = "probabilities";
    /** The most an exported probability may differ from DJL's. */
    public static final float TOLERANCE = 1e-4f;
    /** How many images the graph is checked on before it is handed back. */
    public static final int CHECKED_IMAGES = 64;
    /** The ONNX opset the graph declares. */
    public static final int OPSET = OnnxOps.OPSET;

    private OnnxExport() {}

    /**
     * The network as ONNX, checked against DJL.
     *
     * @param block the network, its weights read or initialised
     * @param manager where the checks make their arrays (closed by the caller)
     * @throws UnsupportedOperationException naming a part of the network that has no ONNX form
     * @throws IllegalStateException if ONNX Runtime answers otherwise than DJL
     */
    public static byte[] export(Block block, NDManager manager) {
        byte[] model = build(block, manager);
        float[] pixels = checkImages();
        float[][] expected = djl(block, manager, pixels);
        float[][] actual = OnnxExport.run(model, pixels);
        for (int image = 0; image < expected.length; image++) {
            for (int digit = 0; digit < DigitNetwork.CLASSES; digit++) {
                float difference = Math.abs(expected[image][digit] - actual[image][digit]);
                if (!(difference <= TOLERANCE)) {
                    throw new IllegalStateException("the ONNX graph answers otherwise than the network: image " + image
                            + ", digit " + digit + ": " + actual[image][digit] + " instead of " + expected[image][digit]);
                }
            }
        }
        return model;
    }

    static byte[] build(Block block, NDManager manager) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName("digits");
        ONNXPlaceholder input = onnx.floatInput(INPUT, DigitNetwork.IMAGE_PIXELS);
        ONNXPlaceholder output = onnx.floatOutput(OUTPUT, DigitNetwork.CLASSES);
        ONNXRef<?> logits = new BlockGraph(onnx, manager).add(block, input, DigitNetwork.inputShape(1));
        logits.apply(OnnxOps.SOFTMAX, Map.of("axis", 1)).assignTo(output);
        GraphProto graph = onnx.buildGraph();
        // Tribuo's inputs are rows of features; the network's are images.
        GraphProto.Builder images = graph.toBuilder();
        for (int i = 0; i < images.getInputCount(); i++) {
            if (images.getInput(i).getName().equals(INPUT)) {
                images.setInput(i, imageBatch(INPUT));
            }
        }
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("digits")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxOps.OPSET))
                .setGraph(images)
                .build()
                .toByteArray();
    }

    private static ValueInfoProto imageBatch(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long side : DigitNetwork.IMAGE_SHAPE.getShape()) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(side));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** Images of MNIST's kind of noise: a fifth of the pixels ink, the same every time. */
    private static float[] checkImages() {
        Random random = new Random(20_261_206L);
        float[] pixels = new float[CHECKED_IMAGES * DigitNetwork.IMAGE_PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat() < 0.2f ? random.nextFloat() : 0f;
        }
        return pixels;
    }

    private static float[][] djl(Block block, NDManager manager, float[] pixels) {
        int images = pixels.length / DigitNetwork.IMAGE_PIXELS;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray batch = scratch.create(pixels, DigitNetwork.inputShape(images));
            NDList logits = block.forward(new ParameterStore(scratch, false), new NDList(batch), false);
            float[] flat = logits.singletonOrThrow().softmax(-1).toFloatArray();
            float[][] answers = new float[images][];
            for (int i = 0; i < images; i++) {
                answers[i] = java.util.Arrays.copyOfRange(flat, i * DigitNetwork.CLASSES, (i + 1) * DigitNetwork.CLASSES);
            }
            return answers;
        }
    }

    /**
     * The process's one ONNX Runtime environment. DJL's ONNX Runtime engine makes it with its own
     * thread pools and cannot load once another is made, so it is loaded first wherever it is on
     * the class path.
     */
    static OrtEnvironment environment() {
        if (ai.djl.engine.Engine.hasEngine("OnnxRuntime")) {
            ai.djl.engine.Engine.getEngine("OnnxRuntime");
        }
        return OrtEnvironment.getEnvironment();
    }

    /**
     * The probabilities an ONNX model gives a batch, through ONNX Runtime's own API.
     *
     * @param pixels images of 784 pixels one after the other
     */
    public static float[][] run(byte[] model, float[] pixels) {
        OrtEnvironment environment = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = environment.createSession(model, options);
                OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
                        new long[] {pixels.length / DigitNetwork.IMAGE_PIXELS, 1, DigitNetwork.IMAGE_SIDE,
                            DigitNetwork.IMAGE_SIDE});
                OrtSession.Result result = session.run(Map.of(INPUT, input))) {
            return (float[][]) result.get(OUTPUT).orElseThrow().getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the graph: " + e.getMessage(), e);
        }
    }
}
