package dev.digits.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded engine and the device a run uses on it.
 *
 * <p>{@link #activate(EngineSelection)} is the one door to DJL: it turns offline mode on unless
 * the user turned it off, applies the native thread settings, makes the chosen engine DJL's
 * default (so DJL classes that call {@code Engine.getInstance()} themselves agree), loads it and
 * finds the device. Every failure becomes an {@link EngineSelectionException} with a message
 * for the user.
 */
public final class EngineRuntime {

    static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private static final Logger logger = LoggerFactory.getLogger(EngineRuntime.class);

    private final EngineName name;
    private final Engine engine;
    private final Device device;
    private final String threads;

    private EngineRuntime(EngineName name, Engine engine, Device device, String threads) {
        this.name = name;
        this.engine = engine;
        this.device = device;
        this.threads = threads;
    }

    /** Activates the engine and device chosen by this JVM's environment and system properties. */
    public static EngineRuntime activateFromEnvironment() {
        return activate(EngineSelection.fromEnvironment());
    }

    /**
     * Loads the selected engine, makes it DJL's default and resolves the device.
     *
     * @param selection the engine and device
     * @return the loaded engine and device
     * @throws EngineSelectionException if the engine cannot load or the device is not there
     */
    public static synchronized EngineRuntime activate(EngineSelection selection) {
        offlineUnlessTheUserChose();
        EngineName name = selection.engine();
        String threads = ThreadSettings.apply(name);
        System.setProperty(EngineSelection.ENGINE_PROPERTY, name.djlName());
        Engine engine = load(name);
        Device device = selection.device().resolve(engine);
        EngineRuntime runtime = new EngineRuntime(name, engine, device, threads);
        logger.info("{}", runtime.describe());
        return runtime;
    }

    /**
     * Loads an engine, with its thread settings, without making it DJL's default: for listing
     * what is available.
     *
     * @throws EngineSelectionException if the engine cannot load
     */
    static synchronized Engine probe(EngineName name) {
        offlineUnlessTheUserChose();
        ThreadSettings.apply(name);
        return load(name);
    }

    private static void offlineUnlessTheUserChose() {
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }

    private static Engine load(EngineName name) {
        try {
            if (!Engine.hasEngine(name.djlName())) {
                throw new EngineSelectionException(
                        "Engine " + name + " was asked for, but it is not on the class path. Engines on the"
                                + " class path: " + describeRegistered()
                                + ". Add its engine and native artifacts, or choose another with -D"
                                + EngineSelection.ENGINE_PROPERTY + "=<name>.");
            }
            return Engine.getEngine(name.djlName());
        } catch (EngineSelectionException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new EngineSelectionException(
                    "Engine " + name + " was asked for, but its native library could not be loaded: "
                            + rootMessage(e) + ". Engines digits knows: " + EngineName.allNames()
                            + "; choose another with -D" + EngineSelection.ENGINE_PROPERTY
                            + "=<name>. DJL runs offline (" + OFFLINE_PROPERTY + "="
                            + System.getProperty(OFFLINE_PROPERTY)
                            + "), so it uses only the native libraries on the class path.",
                    e);
        }
    }

    private static String describeRegistered() {
        List<String> names = new ArrayList<>();
        for (EngineName known : EngineName.values()) {
            if (Engine.hasEngine(known.djlName())) {
                names.add(known.djlName());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The message of the innermost cause, or its class name when it has none. */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    public EngineName name() {
        return name;
    }

    /**
     * A manager for data arrays (images, labels): the engine's own, or for ONNX Runtime, which runs
     * models but does little with arrays, DJL's alternative engine's (PyTorch here).
     */
    public ai.djl.ndarray.NDManager newDataManager() {
        Engine arrays = engine.getAlternativeEngine();
        return (name.trains() || arrays == null ? engine : arrays).newBaseManager();
    }

    /**
     * This runtime, for a job that trains.
     *
     * @param job what is asked, for the message ({@code training}, {@code tuning}, ...)
     * @throws EngineSelectionException if the engine does not train
     */
    public EngineRuntime requireTraining(String job) {
        if (!name.trains()) {
            throw new EngineSelectionException(name.djlName() + " runs exported models only: " + job + " needs one of "
                    + EngineName.trainingNames() + " (-D" + EngineSelection.ENGINE_PROPERTY + "=PyTorch).");
        }
        return this;
    }

    public Engine engine() {
        return engine;
    }

    public Device device() {
        return device;
    }

    /** The engine's own version, for example {@code 2.7.1}. */
    public String version() {
        return engine.getVersion();
    }

    /** The thread settings, as logged. */
    public String threads() {
        return threads;
    }

    /** One line for the log: engine, version, device and threads. */
    public String describe() {
        return "Engine " + name + " " + version() + " on " + device + ", " + threads
                + ", offline=" + System.getProperty(OFFLINE_PROPERTY);
    }

    @Override
    public String toString() {
        return describe();
    }
}
