package dev.digits.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;

/**
 * Lets DJL start when {@value EngineSelection#ENGINE_VARIABLE} names an engine in another letter
 * case ({@code pytorch}). DJL reads that variable itself, case-sensitively, when its
 * {@code Engine} class initialises, and an unknown name breaks the class for the rest of the
 * JVM. A Java program cannot change its own environment, so this provider, found by DJL's
 * ServiceLoader, registers the variable's spelling as a name for the real engine. The engine
 * actually used is still the one {@link EngineRuntime} sets in the system property.
 */
public final class EngineNameAlias implements EngineProvider {

    /** The name registered when the variable needs no alias; no one asks for it. */
    static final String UNUSED = "digits-engine-alias";

    private final String alias;
    private final EngineName target;

    public EngineNameAlias() {
        this(System.getenv(EngineSelection.ENGINE_VARIABLE));
    }

    EngineNameAlias(String variable) {
        EngineName parsed = null;
        if (variable != null && !variable.isBlank()) {
            try {
                parsed = EngineName.parse(variable, EngineSelection.ENGINE_VARIABLE);
            } catch (EngineSelectionException e) {
                parsed = null;
            }
        }
        if (parsed != null && !parsed.djlName().equals(variable)) {
            alias = variable;
            target = parsed;
        } else {
            alias = UNUSED;
            target = EngineSelection.DEFAULT_ENGINE;
        }
    }

    @Override
    public String getEngineName() {
        return alias;
    }

    @Override
    public int getEngineRank() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Engine getEngine() {
        return Engine.getEngine(target.djlName());
    }
}
