package dev.digits.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The deep learning engines digits ships with, under the exact names DJL registers them. */
public enum EngineName {
    PYTORCH("PyTorch"),
    MXNET("MXNet"),
    /** Runs a folder's ONNX export ({@code digits export}); it does not train. */
    ONNX_RUNTIME("OnnxRuntime");

    private final String djlName;

    EngineName(String djlName) {
        this.djlName = djlName;
    }

    /** The engine's name exactly as DJL spells it; DJL matches engine names case-sensitively. */
    public String djlName() {
        return djlName;
    }

    /**
     * Reads an engine name in any letter case ({@code pytorch}, {@code PyTorch}, {@code MXNET}).
     *
     * @param text the name as a user typed it
     * @param source where the name came from, for the error message
     * @return the engine
     * @throws EngineSelectionException if the name is not an engine digits knows
     */
    public static EngineName parse(String text, String source) {
        String trimmed = text == null ? "" : text.trim();
        for (EngineName name : values()) {
            if (name.djlName.toLowerCase(Locale.ROOT).equals(trimmed.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
        throw new EngineSelectionException(
                "Unknown engine '" + text + "' (from " + source + "). Available engines: "
                        + allNames() + ". Choose one with -D" + EngineSelection.ENGINE_PROPERTY
                        + "=PyTorch, MXNet or OnnxRuntime (any letter case).");
    }

    /** Whether the engine trains networks (ONNX Runtime only runs exported ones). */
    public boolean trains() {
        return this != ONNX_RUNTIME;
    }

    /** The names of the engines that train, for messages. */
    public static String trainingNames() {
        return Arrays.stream(values()).filter(EngineName::trains).map(EngineName::djlName)
                .collect(Collectors.joining(", "));
    }

    /** The names of all engines, for messages. */
    public static String allNames() {
        return Arrays.stream(values()).map(EngineName::djlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return djlName;
    }
}
