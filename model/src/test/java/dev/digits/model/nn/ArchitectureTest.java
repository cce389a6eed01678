package dev.digits.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each network's factory owns its defaults and checks: the registry only names it. */
class ArchitectureTest {

    @Test
    void everyNetworkBuildsFromItsFactorysDefaultsAndNamesAnArgumentLeftOut() {
        for (Architecture architecture : Architecture.values()) {
            Map<String, String> defaults = architecture.defaultArguments();
            assertThat(architecture.newBlock(defaults)).as(architecture.id()).isNotNull();
            assertThat(architecture.description()).as(architecture.id()).isNotBlank();
            for (String key : defaults.keySet()) {
                Map<String, String> without = new HashMap<>(defaults);
                without.remove(key);
                assertThatThrownBy(() -> architecture.newBlock(without)).as(architecture.id() + " without " + key)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("needs the argument " + key + " (for example " + key + "="
                                + defaults.get(key) + ")");
            }
        }
    }

    @Test
    void theMlpIsForTwentyEightByTwentyEightDigitsOnly() {
        Map<String, String> arguments = Architecture.MLP.defaultArguments();
        arguments.put("width", "32");
        assertThatThrownBy(() -> Architecture.MLP.newBlock(arguments))
                .hasMessage("mlp's width must be 28 for 28x28 digits");
    }
}
