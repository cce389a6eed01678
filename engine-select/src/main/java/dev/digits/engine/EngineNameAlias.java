package dev.digits.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;

/**
 * Keeps DJL usable whatever {@value EngineSelection#ENGINE_VARIABLE} holds. DJL 0.36 reads that
 * variable itself, case-sensitively, when its {@code Engine} class initialises, before it looks
 * at the system property, and a name it has no engine for ({@code pytorch}, or a typo while
 * {@code -Dai.djl.default_engine} names the engine actually wanted) breaks the class for the rest
 * of the JVM. A Java program cannot change its own environment, so this provider, found by DJL's
 * ServiceLoader, registers the variable's spelling as a name DJL knows. It never decides the
 * engine: {@link EngineRuntime} sets the system property, which DJL reads on every
 * {@code Engine.getInstance()}, and the provider's rank keeps it last.
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
        boolean exact = false;
        for (EngineName name : EngineName.values()) {
            exact |= name.djlName().equals(variable);
        }
        if (variable == null || variable.isBlank() || exact) {
            alias = UNUSED;
            target = EngineSelection.DEFAULT_ENGINE;
            return;
        }
        alias = variable;
        EngineName parsed;
        try {
            parsed = EngineName.parse(variable, EngineSelection.ENGINE_VARIABLE);
        } catch (EngineSelectionException unknown) {
            // Only reached when the property chose the engine; EngineSelection refuses it otherwise.
            parsed = EngineSelection.DEFAULT_ENGINE;
        }
        target = parsed;
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
