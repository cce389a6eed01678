package dev.digits.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Which engine and device a run uses, read from DJL's own settings before DJL sees them.
 *
 * <p>The engine comes from the system property {@value #ENGINE_PROPERTY} or, when that is not
 * set, the environment variable {@value #ENGINE_VARIABLE}: the more specific choice, the flag on
 * the command line, wins, as in DJL 0.36, whose {@code Engine.getInstance()} reads the property
 * on every call. Both are read in any letter case. When neither is set the engine is PyTorch:
 * DJL's own rank order would pick MXNet when both engines are on the class path. The device
 * comes from {@value #DEVICE_PROPERTY}.
 */
public final class EngineSelection {

    public static final String ENGINE_PROPERTY = "ai.djl.default_engine";
    public static final String ENGINE_VARIABLE = "DJL_DEFAULT_ENGINE";
    public static final String DEVICE_PROPERTY = "digits.device";
    public static final EngineName DEFAULT_ENGINE = EngineName.PYTORCH;

    private final EngineName engine;
    private final DeviceChoice device;
    private final String engineSource;

    public EngineSelection(EngineName engine, DeviceChoice device) {
        this(engine, device, "the caller");
    }

    private EngineSelection(EngineName engine, DeviceChoice device, String engineSource) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.device = Objects.requireNonNull(device, "device");
        this.engineSource = engineSource;
    }

    /** Reads the selection from this JVM's environment variables and system properties. */
    public static EngineSelection fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /**
     * Reads the selection from the given environment and properties.
     *
     * @throws EngineSelectionException if the engine or device is not one digits knows
     */
    static EngineSelection from(Map<String, String> environment, Properties properties) {
        String variable = environment.get(ENGINE_VARIABLE);
        String property = properties.getProperty(ENGINE_PROPERTY);
        EngineName engine;
        String source;
        if (property != null && !property.isBlank()) {
            source = "system property " + ENGINE_PROPERTY;
            engine = EngineName.parse(property, source);
        } else if (variable != null && !variable.isBlank()) {
            source = "environment variable " + ENGINE_VARIABLE;
            engine = EngineName.parse(variable, source);
        } else {
            source = "the default";
            engine = DEFAULT_ENGINE;
        }
        DeviceChoice device =
                DeviceChoice.parse(properties.getProperty(DEVICE_PROPERTY), "system property " + DEVICE_PROPERTY);
        return new EngineSelection(engine, device, source);
    }

    public EngineName engine() {
        return engine;
    }

    public DeviceChoice device() {
        return device;
    }

    /** Where the engine name came from, for messages. */
    public String engineSource() {
        return engineSource;
    }

    @Override
    public String toString() {
        return engine + " on " + device + " (engine from " + engineSource + ")";
    }
}
