package dev.digits.charts;

import dev.digits.cli.ErrorPolicy;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code digits charts}: redraws a model folder's charts; needs no data set and no engine. */
@Command(name = "charts", mixinStandardHelpOptions = true,
        description = "Draws the confusion matrix, learning curves, per-class scores and mistakes of a model"
                + " folder into its charts/ folder, from its history and evaluation.")
public final class ChartsCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = ModelFolder.DEFAULT_DIR, paramLabel = "MODEL_DIR",
            description = "The model folder (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Override
    public Integer call() throws Exception {
        ModelFolder folder = new ModelFolder(modelDir);
        if (!Files.isDirectory(folder.root())) {
            throw new ModelFolderException("model folder " + folder.root() + " does not exist.");
        }
        List<Path> written = ModelCharts.drawAll(folder);
        written.forEach(path -> System.out.println("wrote " + path));
        return 0;
    }

    /** Runs the command on its own, outside the {@code digits} command. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(ErrorPolicy.commandLine("charts", new ChartsCommand()).execute(args));
    }
}
