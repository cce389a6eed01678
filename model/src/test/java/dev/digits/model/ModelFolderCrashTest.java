package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.InterruptedSave;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.folder.TestModelFolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process killed at each step of saving a new model leaves a folder whose every file belongs
 * to one model: the previous one, or the new one.
 */
class ModelFolderCrashTest {

    private static final EngineRuntime runtime = TestModelFolders.pytorchOnCpu();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed after writing the {0}: the {1} model")
    @CsvSource({"parameters, previous", "history, previous", "evaluation, previous", "metadata, previous",
        "serving.properties, new", "cleanup, new"})
    void aSaveKilledAtAnyStepLeavesOneConsistentModel(String step, String expected) throws Exception {
        ModelFolder folder = new ModelFolder(dir);
        String previous;
        try (Model model = TestModelFolders.untrainedModel(runtime)) {
            previous = TestModelFolders.save(folder, model, runtime).sha256();
        }
        List<String> output = killAt(step);
        assertThat(output).as("the child's output").contains("paused at " + step);

        ModelMetadata metadata = folder.readMetadata();
        if (expected.equals("previous")) {
            assertThat(metadata.paramsSha256()).isEqualTo(previous);
        } else {
            assertThat(metadata.paramsSha256()).isNotEqualTo(previous);
        }
        // Through plain DJL as through the project's API.
        try (ZooModel<NDList, NDList> loaded = TestModelFolders.loadWithCriteria(dir, runtime)) {
            assertThat(loaded.getProperty("paramsSha256")).isEqualTo(metadata.paramsSha256());
        }
        try (DigitRecognizer recognizer = DigitRecognizer.load(dir, runtime)) {
            assertThat(recognizer.metadata()).isEqualTo(metadata);
        }
        assertThat(folder.readEvaluation().paramsSha256()).isEqualTo(metadata.paramsSha256());
        assertThat(folder.readHistory()).isEqualTo(TestModelFolders.history());

        // The next save finishes what the killed one left and removes its files.
        try (Model model = TestModelFolders.untrainedModel(runtime)) {
            TestModelFolders.save(folder, model, runtime);
        }
        try (Stream<Path> files = Files.list(dir)) {
            // The model's five files, and the lock that commits take.
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(6).contains(".commit.lock");
        }
    }

    /**
     * Runs a save in another JVM, kills it (SIGKILL) at the step, and returns what it printed. Its
     * output goes to a file that is read until the pause: a child that hangs or dies before it
     * fails the test instead of blocking a read.
     */
    private List<String> killAt(String step) throws Exception {
        Path log = Files.createTempFile("interrupted-save", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                InterruptedSave.class.getName(), dir.toString(), step)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (Files.readAllLines(log, StandardCharsets.UTF_8).stream().noneMatch(l -> l.startsWith("paused at"))
                    && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return lines;
    }
}
