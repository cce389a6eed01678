package dev.digits.app;

import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.AvailableEngines;
import dev.digits.engine.EngineSelection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code digits engines}: which engines load here and which devices each sees. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "Lists the engines and devices available, and which ones a run would use.")
public final class EnginesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        EngineSelection selection = EngineSelection.fromEnvironment();
        List<AvailableEngines.Entry> entries = AvailableEngines.list();
        for (AvailableEngines.Entry entry : entries) {
            System.out.println(entry);
        }
        System.out.println("selected: " + selection);
        boolean selectedUsable = entries.stream()
                .anyMatch(e -> e.name() == selection.engine() && e.usable());
        return selectedUsable ? ErrorPolicy.EXIT_OK : ErrorPolicy.EXIT_INPUT;
    }
}
