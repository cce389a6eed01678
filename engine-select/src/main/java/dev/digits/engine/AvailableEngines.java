package dev.digits.engine;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
                    ? String.format(Locale.ROOT, "%-11s %-8s devices: %s%s", name, version, String.join(", ", devices),
                            name.trains() ? "" : " (runs exported models: digits export; does not train)")
                    : String.format(Locale.ROOT, "%-11s not usable: %s", name, problem);
        }
    }

    private AvailableEngines() {}

    /** Tries to load each engine digits knows and lists its devices; DJL's default is left as it was. */
    public static List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (EngineName name : EngineName.values()) {
            try {
                Engine engine = EngineRuntime.probe(name);
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
        return entries;
    }
}
