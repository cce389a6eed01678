package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.nn.Architecture;
import dev.digits.model.nn.DigitNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DigitNetworkTest {

    @ParameterizedTest
    @EnumSource(value = EngineName.class, names = {"PYTORCH", "MXNET"}) // the engines that build networks
    void mapsABatchOfImagesToTenLogitsWithTheReferenceParameterCount(EngineName engine) {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(engine, DeviceChoice.cpu()));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            SequentialBlock block = DigitNetwork.createInitialized(manager);
            assertThat(Architecture.parameterCount(block)).isEqualTo(DigitNetwork.PARAMETER_COUNT).isEqualTo(2_076_554L);

            NDArray images = manager.randomUniform(0f, 1f, new Shape(5, 1, 28, 28));
            NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(images), false)
                    .singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(5, 10));
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineName.class, names = {"PYTORCH", "MXNET"}) // the engines that build networks
    void startsGlorotUniformWithZeroBiasesAsKerasDoes(EngineName engine) {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(engine, DeviceChoice.cpu()));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            SequentialBlock block = DigitNetwork.createInitialized(manager);
            for (Pair<String, Parameter> entry : block.getParameters()) {
                NDArray array = entry.getValue().getArray();
                if (entry.getValue().getType() == Parameter.Type.BIAS) {
                    assertThat(array.abs().max().getFloat()).as(entry.getKey()).isZero();
                    continue;
                }
                Shape shape = array.getShape();
                long receptive = shape.dimension() > 2 ? shape.slice(2).size() : 1;
                double limit = Math.sqrt(6.0 / ((shape.get(1) + shape.get(0)) * receptive));
                float largest = array.abs().max().getFloat();
                assertThat((double) largest).as(entry.getKey()).isLessThanOrEqualTo(limit * (1 + 1e-6)).isGreaterThan(0.9 * limit);
                assertThat((double) array.mean().getFloat()).as(entry.getKey()).isBetween(-limit / 10, limit / 10);
            }
        }
    }
}
