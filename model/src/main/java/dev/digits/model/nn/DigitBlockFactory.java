package dev.digits.model.nn;

import ai.djl.nn.BlockFactory;
import java.util.Map;

/**
 * A network digits trains or combines: a DJL {@link BlockFactory} that owns its defaults and
 * checks its arguments, as DJL's model-zoo factories do. {@link Architecture} names each one; a
 * new network is one such class and one line there.
 */
public interface DigitBlockFactory extends BlockFactory {

    /** What the network is, for help and logs. */
    String description();

    /** The arguments digits builds it with; a model folder names every one of them. */
    Map<String, String> defaultArguments();

    /**
     * Checks that every argument of the network is given: a folder from elsewhere names its own.
     *
     * @throws IllegalArgumentException naming the first one missing, with its usual value
     */
    default void requireArguments(Map<String, ?> arguments) {
        for (Map.Entry<String, String> argument : new java.util.TreeMap<>(defaultArguments()).entrySet()) {
            if (arguments == null || !arguments.containsKey(argument.getKey())) {
                throw new IllegalArgumentException("the network needs the argument " + argument.getKey()
                        + " (for example " + argument.getKey() + "=" + argument.getValue() + ")");
            }
        }
    }
}
