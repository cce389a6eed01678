package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.engine.EngineSelection;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.ModelFolder;
import dev.digits.cli.ErrorPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets one clear line and a non-zero exit, never a stack trace. */
class CommandLineTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
        System.clearProperty(EngineSelection.DEVICE_PROPERTY);
    }

    private static void assertCleanError(CommandOutput output, int exitCode, String... fragments) {
        assertThat(output.exitCode()).as(output.err()).isEqualTo(exitCode);
        for (String fragment : fragments) {
            assertThat(output.err()).contains(fragment);
        }
        assertThat(output.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void unknownEngine() {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "TensorFlow");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString()), ErrorPolicy.EXIT_INPUT,
                "Unknown engine 'TensorFlow'", "PyTorch, MXNet");
        assertCleanError(CommandOutput.of("evaluate", TestModelsPath.any()), ErrorPolicy.EXIT_INPUT,
                "Unknown engine 'TensorFlow'");
    }

    @Test
    void gpuWhereThereIsNone() {
        System.setProperty(EngineSelection.DEVICE_PROPERTY, "gpu");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString()), ErrorPolicy.EXIT_INPUT,
                "gpu:0", "sees no GPU", "-Ddigits.device=cpu");
        System.setProperty(EngineSelection.DEVICE_PROPERTY, "npu");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString()), ErrorPolicy.EXIT_INPUT,
                "Unknown device 'npu'");
    }

    @Test
    void badOptionValues() {
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--epochs", "0"), ErrorPolicy.EXIT_INPUT,
                "epochs must be at least 1");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--learning-rate", "-1"),
                ErrorPolicy.EXIT_INPUT, "learning rate must be above 0");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--train-limit", "500", "--validation-images",
                "500"), ErrorPolicy.EXIT_INPUT, "validation images (--validation-images) must be 0",
                "fewer than the 500 training images");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--validation-images", "-5"),
                ErrorPolicy.EXIT_INPUT, "validation images (--validation-images) must be 0");
        // The augmented recipe holds 5,000 images out: a quick run on fewer says which option to set.
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--recipe", "augmented", "--train-limit",
                "2000"), ErrorPolicy.EXIT_INPUT, "(--validation-images)", "fewer than the 2000 training images",
                "got 5000");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--recipe", "strong"), ErrorPolicy.EXIT_INPUT,
                "--recipe", "unknown recipe 'strong'; choose one of seed, augmented");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--architecture", "vgg"),
                ErrorPolicy.EXIT_INPUT, "--architecture", "unknown architecture 'vgg'");
        assertCleanError(CommandOutput.of("tune", "-o", dir.toString(), "--trials", "0"), ErrorPolicy.EXIT_INPUT,
                "--trials must be from 1 to 1000");
        assertCleanError(CommandOutput.of("tune", "-o", dir.toString(), "--epochs", "0"), ErrorPolicy.EXIT_INPUT,
                "--epochs must be at least 1");
        // On a cluster too, the options are checked here before digits-spark starts.
        assertCleanError(CommandOutput.of("tune", "--master", "local[1]", "-o", dir.toString(), "--trials", "0"),
                ErrorPolicy.EXIT_INPUT, "--trials must be from 1 to 1000");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--master", "local[1]"),
                ErrorPolicy.EXIT_INPUT, "--master trains on a Spark cluster the members that --seeds names");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--seeds", "1,2", "--seed", "3"),
                ErrorPolicy.EXIT_INPUT, "--seeds trains a member per seed: give it without --seed and --resume");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--augment", "rotation=90"),
                ErrorPolicy.EXIT_INPUT, "--augment", "rotation must be from 0 to 45.0 degrees");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--schedule", "linear"),
                ErrorPolicy.EXIT_INPUT, "--schedule", "give constant, cosine, or cosine,warmup=EPOCHS");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--epochs", "2", "--schedule", "cosine,warmup=2"),
                ErrorPolicy.EXIT_INPUT, "the warm-up (2 epochs) must be shorter than the run (2 epochs)");
        // A value that is not a number is a bad value like any other: 1. A wrong command line is 2.
        assertCleanError(CommandOutput.of("train", "--batch-size", "many"), ErrorPolicy.EXIT_INPUT, "Invalid value",
                "--batch-size", "digits train --help");
        assertCleanError(CommandOutput.of("train", "--no-such-flag"), ErrorPolicy.EXIT_USAGE,
                "Unknown option: '--no-such-flag'");
        assertCleanError(CommandOutput.of("fly"), ErrorPolicy.EXIT_USAGE, "Unmatched argument");
        assertCleanError(CommandOutput.of("train", "-o", dir.toString(), "--data-dir", dir.resolve("none").toString()),
                ErrorPolicy.EXIT_INPUT, "does not exist");
    }

    @Test
    void missingOrBrokenModelFolders() throws Exception {
        assertCleanError(CommandOutput.of("evaluate", dir.resolve("none").toString()), ErrorPolicy.EXIT_INPUT,
                "does not exist");
        assertCleanError(CommandOutput.of("evaluate", dir.toString()), ErrorPolicy.EXIT_INPUT,
                "serving.properties is missing");
        // A folder of an earlier digits: every command says how to bring it up to date.
        Files.writeString(dir.resolve("metadata.json"), "{ broken");
        for (String command : List.of("evaluate", "charts")) {
            assertCleanError(CommandOutput.of(command, dir.toString()), ErrorPolicy.EXIT_INPUT,
                    "digits upgrade " + dir.toAbsolutePath());
        }
        assertCleanError(CommandOutput.of("upgrade", dir.toString()), ErrorPolicy.EXIT_INPUT,
                "metadata.json is not a valid ModelMetadata file");
        Files.writeString(dir.resolve("serving.properties"), "{ broken");
        assertCleanError(CommandOutput.of("evaluate", dir.toString()), ErrorPolicy.EXIT_INPUT,
                "serving.properties has no digitsFormat");
    }

    @Test
    void noCommandNamesEveryCommand() {
        assertCleanError(CommandOutput.of(), ErrorPolicy.EXIT_USAGE, "Name a command:", "train", "ensemble",
                "evaluate", "tune", "charts", "upgrade", "predict", "engines");
    }

    @Test
    void versionNamesTheCommand() {
        CommandOutput output = CommandOutput.of("--version");
        assertThat(output.exitCode()).isZero();
        // From the jar's manifest; classes outside a jar are a development build.
        assertThat(output.out().strip()).isEqualTo("digits (development build)");
    }

    @Test
    void enginesListsAllThreeAndTheSelection() {
        CommandOutput output = CommandOutput.of("engines");
        assertThat(output.exitCode()).isZero();
        String version = ai.djl.engine.Engine.getEngine("PyTorch").getVersion();
        assertThat(output.out()).containsPattern("PyTorch +" + java.util.regex.Pattern.quote(version) + " +devices: cpu")
                .containsPattern("MXNet +\\S+ +devices: cpu")
                .containsPattern("OnnxRuntime +\\S+ +devices: cpu \\(runs exported models: digits export; does not train\\)")
                .contains("selected: PyTorch");
    }

    @Test
    void evaluateOnMxnetRewritesTheEvaluationAndTheChartsFollow() throws Exception {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        Path source = TestModels.pytorch();
        try (var files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "mxnet");
        CommandOutput output = CommandOutput.of("evaluate", copy.toString(), "--test-limit", "500");
        assertThat(output.exitCode()).as(output.err()).isZero();
        assertThat(output.out()).contains("trained on PyTorch").contains("evaluated on MXNet");
        ModelFolder folder = new ModelFolder(copy);
        Evaluation evaluation = folder.readEvaluation();
        assertThat(evaluation.engine()).isEqualTo("MXNet");
        assertThat(evaluation.images()).isEqualTo(500);
        assertThat(evaluation.accuracy()).isGreaterThan(0.9);
        assertThat(folder.chartsDir().resolve("confusion-matrix.png")).isRegularFile();
        assertThat(Files.readString(folder.chartsDir().resolve("class-report.txt"))).contains("MXNet");
    }

    /** A path for commands that fail before they read it. */
    private static final class TestModelsPath {
        static String any() {
            return Path.of("target", "no-model").toString();
        }
    }
}
