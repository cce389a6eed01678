package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.cli.ErrorPolicy;
import dev.digits.model.folder.JsonFiles;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.TrainingHistory;
import dev.digits.train.augment.Augmentation;
import dev.digits.app.DigitsCommand;
import dev.digits.train.training.CheckpointInfo;
import dev.digits.train.training.Recipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A run stopped by SIGTERM keeps the saved model and resumes after its last finished epoch. */
class ResumeTest {

    private static final String[] RECIPE = {"--train-limit", "1000", "--test-limit", "200", "--batch-size", "50",
        "--no-charts"};

    private static String[] args(String dir, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "-o", dir, "--epochs", Integer.toString(epochs)));
        args.addAll(List.of(RECIPE));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void sigtermMidRunKeepsTheSavedModelAndResumeFinishesTheRun() throws Exception {
        Path dir = TestModels.freshDir("resume");
        ModelFolder folder = new ModelFolder(dir);
        assertThat(DigitsCommand.run(args(dir.toString(), 1))).isZero();
        ModelMetadata before = folder.readMetadata();

        // A new run of 4 epochs in its own JVM, stopped by SIGTERM once its first epoch is saved.
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch",
                DigitsCommand.class.getName()));
        command.addAll(List.of(args(dir.toString(), 4)));
        Path log = Files.createTempFile("digits-sigterm", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path firstCheckpoint = folder.checkpointsDir().resolve("epoch-0001").resolve("checkpoint.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!isFromRunOf(firstCheckpoint, 4) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(isFromRunOf(firstCheckpoint, 4)).as(Files.readString(log)).isTrue();
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            // A failed wait leaves no training running beside the next tests.
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).contains("Stop requested").contains("training stopped after ")
                .contains("finished epoch(s); continue with --resume")
                .doesNotContain("SIGSEGV").doesNotContain("hs_err");
        assertThat(process.exitValue()).as(output).isEqualTo(143);
        // Output to a file gets plain lines: an epoch line, no progress bar redrawn with carriage returns.
        assertThat(output).contains("Epoch 1: train loss").doesNotContain("\r");

        // The model saved before is still the folder's model, whole.
        assertThat(folder.readMetadata()).isEqualTo(before);
        dev.digits.model.inference.DigitRecognizer.load(dir, dev.digits.engine.EngineRuntime.activate(
                new dev.digits.engine.EngineSelection(dev.digits.engine.EngineName.PYTORCH,
                        dev.digits.engine.DeviceChoice.cpu()))).close();

        CheckpointInfo saved = JsonFiles.read(firstCheckpoint, CheckpointInfo.class);
        int finished = latestEpoch(folder);
        assertThat(DigitsCommand.run(args(dir.toString(), 4, "--resume"))).isZero();
        TrainingHistory history = folder.readHistory();
        assertThat(history.size()).isEqualTo(4);
        assertThat(history.epochs().get(0)).isEqualTo(saved.history().epochs().get(0));
        assertThat(finished).isBetween(1, 3);
        ModelMetadata after = folder.readMetadata();
        assertThat(after.paramsSha256()).isNotEqualTo(before.paramsSha256());
        assertThat(after.hyperparameters().epochs()).isEqualTo(4);
        assertThat(dir.resolve(before.paramsFile())).doesNotExist();
        assertThat(folder.readEvaluation().accuracy()).isGreaterThan(0.8);
    }

    private static boolean isFromRunOf(Path checkpoint, int epochs) {
        try {
            return Files.exists(checkpoint)
                    && JsonFiles.read(checkpoint, CheckpointInfo.class).hyperparameters().epochs() == epochs;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int latestEpoch(ModelFolder folder) throws Exception {
        try (var entries = Files.list(folder.checkpointsDir())) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("epoch-\\d{4}"))
                    .mapToInt(n -> Integer.parseInt(n.substring(6))).max().orElse(0);
        }
    }

    @Test
    void resumeWithoutACheckpointOrPastTheTargetIsAClearError() throws Exception {
        Path dir = TestModels.freshDir("resume-errors");
        CommandOutput none = CommandOutput.of(args(dir.toString(), 2, "--resume"));
        assertThat(none.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(none.err()).contains("--resume").contains("holds no checkpoint");

        assertThat(DigitsCommand.run(args(dir.toString(), 1))).isZero();
        CommandOutput done = CommandOutput.of(args(dir.toString(), 1, "--resume"));
        assertThat(done.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(done.err()).contains("already finished epoch 1");
    }

    @Test
    void aResumedRunKeepsItsRecipeAndRefusesAnother() throws Exception {
        Path dir = TestModels.freshDir("resume-recipe");
        assertThat(DigitsCommand.run(args(dir.toString(), 2, "--recipe", "augmented", "--validation-images", "200")))
                .isZero();
        CommandOutput other = CommandOutput.of(args(dir.toString(), 3, "--resume", "--recipe", "seed"));
        assertThat(other.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(other.err()).contains("recipe augmented, not seed");

        // No --recipe: the checkpoint's, with the options given beside it then.
        assertThat(DigitsCommand.run(args(dir.toString(), 3, "--resume"))).isZero();
        ModelMetadata resumed = new ModelFolder(dir).readMetadata();
        assertThat(resumed.architecture()).isEqualTo(Recipe.AUGMENTED.architecture().id());
        assertThat(resumed.hyperparameters().recipe()).isEqualTo("augmented");
        assertThat(resumed.hyperparameters().epochs()).isEqualTo(3);
        assertThat(resumed.hyperparameters().validationImages()).isEqualTo(200);
        assertThat(resumed.hyperparameters().augmentation()).isEqualTo(Augmentation.STANDARD.toString());
        assertThat(resumed.hyperparameters().learningRateSchedule()).isEqualTo("cosine,warmup=1");

        // Options that the resumed run would ignore are refused by name, whatever their number.
        CommandOutput changed = CommandOutput.of(args(dir.toString(), 4, "--resume", "--learning-rate", "0.01",
                "--seed", "7"));
        assertThat(changed.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(changed.err()).contains("--learning-rate 0.01 is not the run's 0.001")
                .contains("--seed 7 is not the run's 42").contains("without --resume");
        assertThat(new ModelFolder(dir).readMetadata().hyperparameters().epochs()).isEqualTo(3);
    }

    @Test
    void aFreshRunRemovesOnlyTheCheckpointsOfTheRunBefore() throws Exception {
        Path dir = TestModels.freshDir("fresh-run");
        assertThat(DigitsCommand.run(args(dir.toString(), 1))).isZero();
        Path checkpoints = new ModelFolder(dir).checkpointsDir();
        Files.writeString(checkpoints.resolve("notes.txt"), "the user's");
        Files.createDirectories(checkpoints.resolve("epoch-0007"));
        Files.writeString(checkpoints.resolve("epoch-0007").resolve("checkpoint.json"), "{}");
        assertThat(DigitsCommand.run(args(dir.toString(), 1))).isZero();
        assertThat(checkpoints.resolve("notes.txt")).hasContent("the user's");
        assertThat(checkpoints.resolve("epoch-0007")).doesNotExist();
        assertThat(checkpoints.resolve("epoch-0001").resolve("checkpoint.json")).isRegularFile();
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeTheFirstEpoch() throws Exception {
        Path file = TestModels.freshDir("not-a-folder");
        Files.writeString(file, "a file where the output's folder would be");
        CommandOutput refused = CommandOutput.of(args(file.resolve("model").toString(), 1));
        assertThat(refused.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(refused.err()).contains("the output " + file.resolve("model") + " cannot be written")
                .doesNotContain("Epoch 1");
        assertThat(refused.out()).doesNotContain("Epoch 1");
    }
}
