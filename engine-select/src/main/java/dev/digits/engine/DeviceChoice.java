package dev.digits.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The device a user asked for: {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto}. */
public final class DeviceChoice {

    private static final Pattern GPU_WITH_INDEX = Pattern.compile("gpu:(\\d{1,3})");

    /** What kind of device was asked for. */
    public enum Kind {
        AUTO,
        CPU,
        GPU
    }

    private final Kind kind;
    private final int gpuIndex;

    private DeviceChoice(Kind kind, int gpuIndex) {
        this.kind = kind;
        this.gpuIndex = gpuIndex;
    }

    public static DeviceChoice auto() {
        return new DeviceChoice(Kind.AUTO, -1);
    }

    public static DeviceChoice cpu() {
        return new DeviceChoice(Kind.CPU, -1);
    }

    public static DeviceChoice gpu(int index) {
        return new DeviceChoice(Kind.GPU, index);
    }

    /**
     * Reads a device name in any letter case.
     *
     * @param text {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto}; blank means auto
     * @param source where the text came from, for the error message
     * @return the choice
     * @throws EngineSelectionException if the text names no device
     */
    public static DeviceChoice parse(String text, String source) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "":
            case "auto":
                return auto();
            case "cpu":
                return cpu();
            case "gpu":
                return gpu(0);
            default:
                Matcher matcher = GPU_WITH_INDEX.matcher(value);
                if (matcher.matches()) {
                    return gpu(Integer.parseInt(matcher.group(1)));
                }
                throw new EngineSelectionException(
                        "Unknown device '" + text + "' (from " + source
                                + "). Use cpu, gpu, gpu:N (N counts from 0) or auto, for example -D"
                                + EngineSelection.DEVICE_PROPERTY + "=cpu.");
        }
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Finds the device on the given engine.
     *
     * @param engine the loaded engine
     * @return the device to use
     * @throws EngineSelectionException if a GPU was asked for that the engine does not see
     */
    public Device resolve(Engine engine) {
        int gpus = engine.getGpuCount();
        switch (kind) {
            case CPU:
                return Device.cpu();
            case AUTO:
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            default:
                if (gpuIndex >= gpus) {
                    String seen = gpus == 0
                            ? "sees no GPU, so only cpu is available"
                            : "sees " + gpus + " GPU(s): gpu:0 to gpu:" + (gpus - 1) + " and cpu";
                    throw new EngineSelectionException(
                            "Device " + this + " was asked for, but " + engine.getEngineName() + " "
                                    + engine.getVersion() + " " + seen
                                    + ". Use -D" + EngineSelection.DEVICE_PROPERTY
                                    + "=cpu, or see docs/engines.md (GPU) for the CUDA build of the engine.");
                }
                return Device.gpu(gpuIndex);
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case AUTO:
                return "auto";
            case CPU:
                return "cpu";
            default:
                return "gpu:" + gpuIndex;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceChoice
                && ((DeviceChoice) other).kind == kind
                && ((DeviceChoice) other).gpuIndex == gpuIndex;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + gpuIndex;
    }
}
