package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
import org.junit.jupiter.params.provider.ValueSource;

class StridedCnnTest {

    @Test
    void shrinksA28PixelImageToOneByOneBeforeTheTenLogits() {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            Block block = Architecture.STRIDED_CNN.newBlock(Architecture.STRIDED_CNN.defaultArguments());
            block.initialize(manager, DataType.FLOAT32, DigitNetwork.inputShape(1));
            // 7 convolutions and a dense layer, and 4 numbers per channel for each batch normalisation.
            long convolutions = (9 * 32 + 32) + (9 * 32 * 32 + 32) + (25 * 32 * 32 + 32)
                    + (9 * 32 * 64 + 64) + (9 * 64 * 64 + 64) + (25 * 64 * 64 + 64) + (16 * 64 * 128 + 128);
            long normalisations = 4L * (3 * 32 + 3 * 64 + 128);
            assertThat(Architecture.parameterCount(block)).isEqualTo(convolutions + normalisations + 128 * 10 + 10);

            NDArray images = manager.randomUniform(0f, 1f, new Shape(4, 1, 28, 28));
            assertThat(block.getOutputShapes(new Shape[] {images.getShape()})[0]).isEqualTo(new Shape(4, 10));
            NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(images), false)
                    .singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(4, 10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-0.1", "1.5", "NaN"})
    void aDropoutRateOutsideZeroToOneIsRefusedNamingTheArgument(String rate) {
        assertThatThrownBy(() -> Architecture.STRIDED_CNN.newBlock(Map.of("dropout", rate)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dropout is " + rate).hasMessageContaining("at least 0 and below 1");
    }

    @Test
    void aDropoutRateThatIsNoNumberOrMissingIsRefusedNamingTheArgument() {
        assertThatThrownBy(() -> Architecture.STRIDED_CNN.newBlock(Map.of("dropout", "half")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout is 'half', not a number");
        assertThatThrownBy(() -> Architecture.STRIDED_CNN.newBlock(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the argument dropout");
    }
}
