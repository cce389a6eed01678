package dev.digits.app;

import dev.digits.cli.ModelFolderArgument;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Dataset;
import dev.digits.charts.ModelCharts;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Workload;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.data.ValidationSplit;
import dev.digits.train.evaluation.DigitEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code digits evaluate}: re-runs a model folder's evaluation on the chosen engine and device. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates a model folder on the MNIST test images with the chosen engine and device,"
                + " and saves the result as the folder's evaluation (or, with --held-out, prints its accuracy on the"
                + " training images it held out).")
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelFolderArgument modelFolder;

    @Option(names = "--test-limit", defaultValue = "" + MnistFiles.TEST_IMAGES, paramLabel = "N",
            description = "Evaluate on the first N test images only (default: all ${DEFAULT-VALUE}).")
    int testLimit;

    @Option(names = "--held-out", description = "Evaluate on the training images the model's training held out"
            + " (its validation split; for an ensemble, the one all its members held out) instead of the test"
            + " images, to compare models without reading the test set. Printed only: the folder's evaluation stays"
            + " the test images'.")
    boolean heldOut;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the four MNIST IDX files.")
    Path dataDir;

    @Option(names = "--dry-run", description = "Print the result without saving it.")
    boolean dryRun;

    @Option(names = "--no-charts", description = "Do not redraw the charts after saving.")
    boolean noCharts;

    @Override
    public Integer call() throws Exception {
        if (testLimit < 1) {
            throw new IllegalArgumentException("--test-limit must be at least 1, got " + testLimit);
        }
        if (heldOut && testLimit != MnistFiles.TEST_IMAGES) {
            throw new IllegalArgumentException("--test-limit limits the test images, and --held-out reads none of"
                    + " them: give one or the other");
        }
        EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
        ModelFolder folder = new ModelFolder(modelFolder.path());
        if (!Files.isDirectory(folder.root())) {
            throw new ModelFolderException("model folder " + folder.root() + " does not exist.");
        }
        MnistFiles data = MnistFiles.fromFolderOrCache(dataDir);
        Evaluation evaluation;
        ModelMetadata metadata;
        // The recognizer, as the server loads it: what is measured is what is served.
        try (DigitRecognizer recognizer = DigitRecognizer.builder(modelFolder.path()).optRuntime(runtime)
                        .optWorkload(Workload.BATCHES).build();
                NDManager manager = runtime.newDataManager()) {
            metadata = recognizer.metadata();
            Dataset images;
            if (heldOut) {
                ValidationSplit split;
                try {
                    split = ValidationSplit.heldOutBy(metadata);
                    data.requireTrainingFilesOf(metadata);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cannot evaluate " + modelFolder.path() + " on held-out images: "
                            + e.getMessage(), e);
                }
                System.out.println("On the " + split.describe() + " (never trained on):");
                images = data.heldOut(split, manager);
            } else {
                images = data.dataset(Dataset.Usage.TEST, 256, false, testLimit, manager);
            }
            evaluation = DigitEvaluator.evaluate(recognizer::classify, images, runtime, metadata.paramsSha256(),
                    manager);
        }
        System.out.print(evaluation.classReport());
        System.out.println("(trained on " + metadata.engine() + " " + metadata.engineVersion() + ", evaluated on "
                + runtime.name() + " " + runtime.version() + ")");
        if (!dryRun && !heldOut) {
            folder.writeEvaluation(evaluation);
            System.out.println("Saved " + folder.evaluationFile(evaluation.paramsSha256()));
            if (!noCharts) {
                ModelCharts.drawAll(folder);
            }
        }
        return 0;
    }
}
