package dev.digits.app;

import dev.digits.charts.ModelCharts;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.nn.EnsembleBlockFactory;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.ensemble.EnsembleCombiner;
import dev.digits.train.ensemble.EnsembleSelection;
import dev.digits.train.training.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code digits ensemble}: combines trained model folders into one that averages their probabilities. */
@Command(name = "ensemble", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Combines trained model folders of one architecture into one model folder whose answer is the"
                + " mean of their probabilities; it loads, serves, evaluates and charts like any other.")
public final class EnsembleCommand implements Callable<Integer> {

    @Parameters(arity = "2.." + EnsembleBlockFactory.MAX_MEMBERS, paramLabel = "MEMBER_DIR",
            description = "The trained model folders to combine (2 to " + EnsembleBlockFactory.MAX_MEMBERS
                    + ", one architecture), or with --choose to choose among.")
    List<Path> members;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "The ensemble's model folder (not one of the members).")
    Path output;

    @Option(names = "--choose", paramLabel = "N",
            description = "Combine not all the folders but at most N of them, chosen one at a time on the training"
                    + " images they all held out, never the test images: first the one with the lowest loss there,"
                    + " then each time the one that lowers the ensemble's loss most, until none lowers it.")
    Integer choose;

    @Option(names = "--test-limit", defaultValue = "" + MnistFiles.TEST_IMAGES, paramLabel = "N",
            description = "Evaluate on the first N test images only (default: all ${DEFAULT-VALUE}).")
    int testLimit;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the four MNIST IDX files.")
    Path dataDir;

    @Option(names = "--no-charts", description = "Do not draw the charts.")
    boolean noCharts;

    @Override
    public Integer call() throws Exception {
        if (testLimit < 1 || testLimit > MnistFiles.TEST_IMAGES) {
            throw new IllegalArgumentException("--test-limit must be between 1 and " + MnistFiles.TEST_IMAGES
                    + ", got " + testLimit);
        }
        EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
        MnistFiles data = MnistFiles.fromFolderOrCache(dataDir);
        List<Path> combined = members;
        if (choose != null) {
            List<EnsembleSelection.Step> steps = new EnsembleSelection(runtime).choose(members, choose, data);
            System.out.println("Chosen on held-out training images:");
            System.out.println("members  held-out loss  held-out accuracy  added");
            for (EnsembleSelection.Step step : steps) {
                System.out.printf(Locale.ROOT, "%7d  %13.5f  %17.4f  %s%n", step.members().size(), step.loss(),
                        step.accuracy(), step.added());
            }
            combined = steps.get(steps.size() - 1).members();
        }
        TrainingResult result = new EnsembleCombiner(runtime).combine(combined, output, data, testLimit);
        System.out.print(result.evaluation().classReport());
        if (!noCharts) {
            ModelCharts.drawAll(result.folder());
        }
        System.out.println("Model folder: " + result.folder().root());
        return 0;
    }
}
