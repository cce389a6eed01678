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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(5);
        }
    }

    /** Runs a save in another JVM, kills it (SIGKILL) at the step, and returns what it printed. */
    private List<String> killAt(String step) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                InterruptedSave.class.getName(), dir.toString(), step)
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("paused at")) {
                    break;
                }
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        return lines;
    }
}
