package dev.digits.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineSelectionTest {

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsToPyTorchOnAutoDevice() {
        EngineSelection selection = EngineSelection.from(Map.of(), properties());
        assertThat(selection.engine()).isEqualTo(EngineName.PYTORCH);
        assertThat(selection.device()).isEqualTo(DeviceChoice.auto());
        assertThat(selection.engineSource()).isEqualTo("the default");
    }

    @Test
    void readsThePropertyInAnyLetterCase() {
        assertThat(EngineSelection.from(Map.of(), properties("ai.djl.default_engine", "mxnet")).engine())
                .isEqualTo(EngineName.MXNET);
        assertThat(EngineSelection.from(Map.of(), properties("ai.djl.default_engine", "PYTORCH")).engine())
                .isEqualTo(EngineName.PYTORCH);
        assertThat(EngineSelection.from(Map.of(), properties("ai.djl.default_engine", " MXNet ")).engine())
                .isEqualTo(EngineName.MXNET);
    }

    @Test
    void thePropertyWinsOverTheVariableAsDjlsGetInstanceDoes() {
        EngineSelection selection = EngineSelection.from(Map.of("DJL_DEFAULT_ENGINE", "mxNET"),
                properties("ai.djl.default_engine", "PyTorch"));
        assertThat(selection.engine()).isEqualTo(EngineName.PYTORCH);
        assertThat(selection.engineSource()).contains("ai.djl.default_engine");
        EngineSelection fromVariable = EngineSelection.from(Map.of("DJL_DEFAULT_ENGINE", "mxNET"), properties());
        assertThat(fromVariable.engine()).isEqualTo(EngineName.MXNET);
        assertThat(fromVariable.engineSource()).contains("DJL_DEFAULT_ENGINE");
    }

    @Test
    void unknownEngineNamesWhatWasAskedAndWhatIsAvailable() {
        assertThatThrownBy(() -> EngineSelection.from(Map.of(), properties("ai.djl.default_engine", "TensorFlow")))
                .isInstanceOf(EngineSelectionException.class)
                .hasMessageContaining("'TensorFlow'")
                .hasMessageContaining("system property ai.djl.default_engine")
                .hasMessageContaining("PyTorch, MXNet")
                .hasMessageContaining("-Dai.djl.default_engine=");
        assertThatThrownBy(() -> EngineSelection.from(Map.of("DJL_DEFAULT_ENGINE", "onnx"), properties()))
                .isInstanceOf(EngineSelectionException.class)
                .hasMessageContaining("environment variable DJL_DEFAULT_ENGINE");
    }

    @Test
    void readsDevices() {
        assertThat(DeviceChoice.parse("CPU", "test")).isEqualTo(DeviceChoice.cpu());
        assertThat(DeviceChoice.parse("gpu", "test")).isEqualTo(DeviceChoice.gpu(0));
        assertThat(DeviceChoice.parse("gpu:3", "test")).isEqualTo(DeviceChoice.gpu(3));
        assertThat(DeviceChoice.parse("auto", "test")).isEqualTo(DeviceChoice.auto());
        assertThat(DeviceChoice.parse(null, "test")).isEqualTo(DeviceChoice.auto());
        assertThat(DeviceChoice.gpu(3).toString()).isEqualTo("gpu:3");
    }

    @Test
    void unknownDeviceIsAClearError() {
        for (String bad : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", "cuda"}) {
            assertThatThrownBy(() -> EngineSelection.from(Map.of(), properties("digits.device", bad)))
                    .isInstanceOf(EngineSelectionException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("cpu, gpu, gpu:N")
                    .hasMessageContaining("-Ddigits.device=");
        }
    }

    @Test
    void aliasRegistersEverySpellingDjlWouldNotKnow() {
        assertThat(new EngineNameAlias("pytorch").getEngineName()).isEqualTo("pytorch");
        assertThat(new EngineNameAlias("MXNET").getEngineName()).isEqualTo("MXNET");
        assertThat(new EngineNameAlias("TensorFlow").getEngineName()).isEqualTo("TensorFlow");
        assertThat(new EngineNameAlias("PyTorch").getEngineName()).isEqualTo(EngineNameAlias.UNUSED);
        assertThat(new EngineNameAlias(null).getEngineName()).isEqualTo(EngineNameAlias.UNUSED);
        assertThat(new EngineNameAlias("pytorch").getEngineRank()).isEqualTo(Integer.MAX_VALUE);
    }
}
