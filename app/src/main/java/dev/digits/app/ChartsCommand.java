package dev.digits.app;

import dev.digits.charts.ModelCharts;

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
import picocli.CommandLine.Option;

/** {@code digits charts}: redraws a model folder's charts; needs no data set and no engine. */
@Command(name = "charts", mixinStandardHelpOptions = true,
        description = "Draws the confusion matrix, learning curves, per-class scores and mistakes of a model"
                + " folder into its charts/ folder, from its history and evaluation.")
public final class ChartsCommand implements Callable<Integer> {

    @Mixin
    ModelFolderArgument modelFolder;

    @Option(names = "--compare", paramLabel = "DIR", arity = "1..*",
            description = "Instead, draw the learning curves of this folder and these side by side into --output.")
    List<Path> compare;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "learning-curves-compared.png",
            description = "The picture --compare draws (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        ModelFolder folder = existing(modelFolder.path());
        if (compare != null) {
            List<ModelFolder> folders = new java.util.ArrayList<>(List.of(folder));
            for (Path other : compare) {
                folders.add(existing(other));
            }
            System.out.println("wrote " + ModelCharts.drawCompared(folders, output));
            return 0;
        }
        List<Path> written = ModelCharts.drawAll(folder);
        written.forEach(path -> System.out.println("wrote " + path));
        return 0;
    }

    private static ModelFolder existing(Path path) {
        if (!Files.isDirectory(path)) {
            throw new ModelFolderException("model folder " + path + " does not exist.");
        }
        return new ModelFolder(path);
    }

    /** Runs the command on its own, outside the {@code digits} command. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(ErrorPolicy.commandLine("charts", new ChartsCommand()).execute(args));
    }
}
