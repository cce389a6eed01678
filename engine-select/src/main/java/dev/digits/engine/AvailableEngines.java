package dev.digits.engine;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/** What engines and devices this JVM can use, for the {@code engines} command. */
public final class AvailableEngines {

    /** One engine: loaded with its version and devices, or the reason it is not usable. */
    public static final class Entry {
        private final EngineName name;
        private final String version;
        private final List<String> devices;
        private final String problem;

        Entry(EngineName name, String version, List<String> devices, String problem) {
            this.name = name;
            this.version = version;
            this.devices = devices;
            this.problem = problem;
        }

        public EngineName name() {
            return name;
        }

        public boolean usable() {
            return problem == null;
        }

        public String version() {
            return version;
        }

        public List<String> devices() {
            return devices;
        }

        public String problem() {
            return problem;
        }

        @Override
        public String toString() {
            return usable()
                    ? String.format("%-8s %-8s devices: %s", name, version, String.join(", ", devices))
                    : String.format("%-8s not usable: %s", name, problem);
        }
    }

    private AvailableEngines() {}

    /** Tries to load each engine digits knows, on CPU settings, and lists its devices. */
    public static List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        EngineName chosen = EngineSelection.fromEnvironment().engine();
        for (EngineName name : EngineName.values()) {
            try {
                EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(name, DeviceChoice.cpu()));
                Engine engine = runtime.engine();
                List<String> devices = new ArrayList<>();
                devices.add("cpu");
                for (int i = 0; i < engine.getGpuCount(); i++) {
                    devices.add("gpu:" + i);
                }
                entries.add(new Entry(name, engine.getVersion(), devices, null));
            } catch (EngineSelectionException e) {
                entries.add(new Entry(name, null, List.of(), e.getMessage()));
            }
        }
        // Leave DJL's default where the user's selection put it.
        System.setProperty(EngineSelection.ENGINE_PROPERTY, chosen.djlName());
        return entries;
    }
}
