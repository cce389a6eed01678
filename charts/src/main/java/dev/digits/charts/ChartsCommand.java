package dev.digits.charts;

import dev.digits.cli.ModelFolderArgument;
import dev.digits.cli.ErrorPolicy;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits charts}: redraws a model folder's charts; needs no data set and no engine. */
@Command(name = "charts", mixinStandardHelpOptions = true,
        description = "Draws the confusion matrix, learning curves, per-class scores and mistakes of a model"
                + " folder into its charts/ folder, from its history and evaluation.")
public final class ChartsCommand implements Callable<Integer> {

    @Mixin
    ModelFolderArgument modelFolder;

    @Override
    public Integer call() throws Exception {
        ModelFolder folder = new ModelFolder(modelFolder.path());
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
