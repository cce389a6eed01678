package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.nn.Architecture;
import dev.digits.model.nn.DigitNetwork;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ensemble block: its softmax is the mean of its members' softmax, and its arguments are checked. */
class EnsembleBlockTest {

    @ParameterizedTest
    @EnumSource(value = EngineName.class, names = {"PYTORCH", "MXNET"}) // the engines that build networks
    void itsSoftmaxIsTheMeanOfItsMembers(EngineName engine) {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(engine, DeviceChoice.cpu()));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            Block ensemble = Architecture.ENSEMBLE.newBlock(Map.of("members", "3", "memberArchitecture", "mlp"));
            ensemble.initialize(manager, DataType.FLOAT32, DigitNetwork.inputShape(1));
            assertThat(ensemble.getChildren().size()).isEqualTo(3);
            NDArray images = manager.randomUniform(0f, 1f, new Shape(4, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);
            float[] combined = ensemble.forward(store, new NDList(images), false).singletonOrThrow().softmax(-1)
                    .toFloatArray();
            float[] mean = new float[combined.length];
            for (Block member : ensemble.getChildren().values()) {
                float[] own = member.forward(store, new NDList(images), false).singletonOrThrow().softmax(-1)
                        .toFloatArray();
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += own[i] / 3;
                }
            }
            assertThat(combined).containsExactly(mean, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> Architecture.ENSEMBLE.newBlock(Map.of("members", "1", "memberArchitecture", "mlp")))
                .hasMessageContaining("members is 1; an ensemble has 2 to 10 members");
        assertThatThrownBy(() -> Architecture.ENSEMBLE.newBlock(Map.of("members", "2", "memberArchitecture",
                "ensemble"))).hasMessageContaining("cannot be ensembles");
        assertThatThrownBy(() -> Architecture.ENSEMBLE.newBlock(Map.of("members", "2", "memberArchitecture", "vgg")))
                .hasMessageContaining("unknown architecture 'vgg'");
        assertThatThrownBy(() -> Architecture.ENSEMBLE.newBlock(Map.of("members", "2")))
                .hasMessageContaining("memberArchitecture");
        assertThatThrownBy(() -> Architecture.parseTrainable("ensemble")).hasMessageContaining("digits ensemble");
    }
}
