package dev.digits.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loads the real engines from the natives on the class path, offline. */
class EngineRuntimeTest {

    @AfterEach
    void restoreDefault() {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
    }

    @Test
    void activatesPyTorchOnCpuAndMakesItDjlsDefault() {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        assertThat(runtime.engine().getEngineName()).isEqualTo("PyTorch");
        assertThat(runtime.device()).isEqualTo(Device.cpu());
        assertThat(runtime.version()).matches("\\d+\\.\\d+\\.\\d+").isEqualTo(runtime.engine().getVersion());
        assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(runtime.describe()).contains("PyTorch " + runtime.version()).contains("cpu()").contains("intra-op");
        try (NDManager manager = runtime.engine().newBaseManager()) {
            NDArray sum = manager.create(new float[] {1, 2, 3}).sum();
            assertThat(sum.getFloat()).isEqualTo(6f);
        }
    }

    @Test
    void openMpThreadsSpinBrieflyUnlessAWaitPolicyOrSpinCountIsSet() {
        String policy = NativeEnvironment.get("OMP_WAIT_POLICY");
        String ownSpin = System.getenv("GOMP_SPINCOUNT");
        String described = ThreadSettings.apply(EngineName.PYTORCH);
        if (policy == null || policy.isEmpty()) {
            String spin = ownSpin == null || ownSpin.isEmpty() ? ThreadSettings.spinRounds(EngineName.PYTORCH) : ownSpin;
            assertThat(NativeEnvironment.get("GOMP_SPINCOUNT")).isEqualTo(spin);
            assertThat(described).endsWith("OpenMP spin " + spin);
        } else {
            assertThat(described).endsWith("OpenMP wait policy " + policy);
        }
    }

    @Test
    void activatesMxnetWithOneOpenMpThreadPerCoreAndTheSynchronousEngine() {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.MXNET, DeviceChoice.auto()));
        assertThat(runtime.engine().getEngineName()).isEqualTo("MXNet");
        assertThat(Engine.getInstance().getEngineName()).isEqualTo("MXNet");
        assertThat(runtime.device()).isEqualTo(Device.cpu());
        String cores = Integer.toString(Runtime.getRuntime().availableProcessors());
        if (System.getenv("OMP_NUM_THREADS") == null) {
            assertThat(NativeEnvironment.get("OMP_NUM_THREADS")).isEqualTo(cores);
        }
        if (System.getenv("MXNET_ENGINE_TYPE") == null) {
            assertThat(NativeEnvironment.get("MXNET_ENGINE_TYPE")).isEqualTo("NaiveEngine");
        }
        assertThat(runtime.describe()).contains("MXNet").contains("OpenMP");
    }

    @Test
    void gpuOnAMachineWithoutOneNamesWhatIsAvailable() {
        assertThatThrownBy(() -> EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.gpu(0))))
                .isInstanceOf(EngineSelectionException.class)
                .hasMessageContaining("gpu:0")
                .hasMessageContaining("PyTorch " + Engine.getEngine("PyTorch").getVersion() + " sees no GPU")
                .hasMessageContaining("-Ddigits.device=cpu");
        assertThatThrownBy(() -> EngineRuntime.activate(new EngineSelection(EngineName.MXNET, DeviceChoice.gpu(1))))
                .isInstanceOf(EngineSelectionException.class)
                .hasMessageContaining("gpu:1");
    }

    @Test
    void listsTheThreeEnginesWithCpuAndLeavesDjlsDefaultAlone() {
        System.clearProperty(EngineSelection.ENGINE_PROPERTY);
        assertThat(AvailableEngines.list())
                .extracting(AvailableEngines.Entry::name, AvailableEngines.Entry::usable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EngineName.PYTORCH, true),
                        org.assertj.core.groups.Tuple.tuple(EngineName.MXNET, true),
                        org.assertj.core.groups.Tuple.tuple(EngineName.ONNX_RUNTIME, true));
        assertThat(System.getProperty(EngineSelection.ENGINE_PROPERTY)).isNull();
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "MXNet");
        assertThat(AvailableEngines.list().get(0).devices()).contains("cpu");
        assertThat(System.getProperty(EngineSelection.ENGINE_PROPERTY)).isEqualTo("MXNet");
    }
}
