package dev.digits.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators the digit networks are made of, at opset {@value #OPSET} (Tribuo's own set
 * has no convolution, pooling or normalisation). Each declares its inputs and attributes, which
 * Tribuo's graph builder checks as it adds a node.
 */
enum OnnxOps implements ONNXOperator {
    CONV("Conv", 2, 1, attributes("kernel_shape", "strides", "pads", "dilations"), Map.of("group", AttributeType.INT)),
    MAX_POOL("MaxPool", 1, 0, attributes("kernel_shape", "strides", "pads"), Map.of()),
    AVERAGE_POOL("AveragePool", 1, 0, attributes("kernel_shape", "strides", "pads"),
            Map.of("count_include_pad", AttributeType.INT)),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0, Map.of(), Map.of()),
    BATCH_NORMALIZATION("BatchNormalization", 5, 0, Map.of(), Map.of("epsilon", AttributeType.FLOAT)),
    RELU("Relu", 1, 0, Map.of(), Map.of()),
    SIGMOID("Sigmoid", 1, 0, Map.of(), Map.of()),
    FLATTEN("Flatten", 1, 0, Map.of(), Map.of("axis", AttributeType.INT)),
    GEMM("Gemm", 2, 1, Map.of(), Map.of("transB", AttributeType.INT)),
    ADD("Add", 2, 0, Map.of(), Map.of()),
    /** The element-wise mean of any number of inputs: an ensemble's members. */
    MEAN("Mean", ONNXAttribute.VARIADIC_INPUT, 0, Map.of(), Map.of()),
    LOG("Log", 1, 0, Map.of(), Map.of()),
    SOFTMAX("Softmax", 1, 0, Map.of(), Map.of("axis", AttributeType.INT));

    /** The opset the exported models declare: every operator here has its meaning there. */
    static final int OPSET = 13;

    private final String name;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOps(String name, int inputs, int optionalInputs, Map<String, AttributeType> lists,
            Map<String, AttributeType> scalars) {
        this.name = name;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        Map<String, ONNXAttribute> all = new LinkedHashMap<>();
        lists.forEach((key, type) -> all.put(key, new ONNXAttribute(key, type, false)));
        scalars.forEach((key, type) -> all.put(key, new ONNXAttribute(key, type, false)));
        this.attributes = Collections.unmodifiableMap(all);
    }

    private static Map<String, AttributeType> attributes(String... names) {
        Map<String, AttributeType> ints = new LinkedHashMap<>();
        for (String key : names) {
            ints.put(key, AttributeType.INTS);
        }
        return ints;
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return attributes.values().stream().filter(ONNXAttribute::isMandatory).map(ONNXAttribute::getName)
                .collect(Collectors.toSet());
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    @Override
    public String getOpDomain() {
        return "";
    }
}
