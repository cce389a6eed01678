package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ServingProperties;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.nn.Architecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model folder from elsewhere is data: loading it never runs code it brings, and its arguments
 * never decide how much memory loading takes before they are checked against its weights.
 */
class UntrustedModelFolderTest {

    private static final EngineRuntime runtime = TestModelFolders.pytorchOnCpu();

    @TempDir
    Path dir;

    /** A block factory in the folder's classes/ whose static initialiser leaves a file behind. */
    private Path plantCode(Path folder) throws IOException {
        Path ran = dir.resolve("the-folder's-code-ran");
        Path source = dir.resolve("src").resolve("Planted.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "public class Planted implements ai.djl.nn.BlockFactory {\n"
                + "  static { try { java.nio.file.Files.createFile(java.nio.file.Path.of(\""
                + ran.toString().replace("\\", "\\\\") + "\")); } catch (Exception e) { } }\n"
                + "  public ai.djl.nn.Block newBlock(ai.djl.Model m, java.nio.file.Path p, java.util.Map<String, ?> a) {"
                + " return null; }\n}\n");
        Path classes = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(),
                source.toString());
        assertThat(exit).as("javac").isZero();
        assertThat(classes.resolve("Planted.class")).isRegularFile();
        return ran;
    }

    private ModelFolder savedModel(Architecture architecture) throws IOException {
        ModelFolder folder = new ModelFolder(dir.resolve("model"));
        try (Model model = TestModelFolders.untrainedModel(runtime, architecture)) {
            TestModelFolders.save(folder, model, runtime);
        }
        return folder;
    }

    /** Rewrites serving.properties through an edit of its lines. */
    private static void editProperties(ModelFolder folder, java.util.function.UnaryOperator<List<String>> edit)
            throws IOException {
        Path file = folder.resolve(ServingProperties.FILE);
        Files.write(file, edit.apply(Files.readAllLines(file, StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aFolderWithoutItsFactoriesIsRefusedAndItsClassesNeverRun() throws Exception {
        ModelFolder folder = savedModel(Architecture.SEED_CNN);
        Path ran = plantCode(folder.root());
        for (String key : List.of("blockFactory", "translatorFactory", "option.modelName", "option.epoch")) {
            List<String> original = Files.readAllLines(folder.resolve(ServingProperties.FILE), StandardCharsets.ISO_8859_1);
            editProperties(folder, lines -> lines.stream().filter(line -> !line.startsWith(key + "=")).toList());
            assertThatThrownBy(() -> DigitRecognizer.load(folder.root(), runtime))
                    .isInstanceOf(ModelFolderException.class).hasMessageContaining("has no " + key);
            Files.write(folder.resolve(ServingProperties.FILE), original, StandardCharsets.ISO_8859_1);
        }
        assertThat(ran).doesNotExist();

        // A whole folder loads, and DJL is given the factories: it does not go looking in classes/.
        try (DigitRecognizer recognizer = DigitRecognizer.load(folder.root(), runtime)) {
            assertThat(recognizer.predict(TestModelFolders.randomPixels(1)).probabilities()).hasSize(10);
        }
        assertThat(ran).doesNotExist();
    }

    @Test
    void argumentsAreBoundedAndCheckedAgainstTheWeightsBeforeAnythingOfTheirSizeIsMade() throws Exception {
        ModelFolder folder = savedModel(Architecture.MLP);
        String hidden = "hidden=128,64";
        // Out of bounds: refused by name when the file is read.
        editProperties(folder, lines -> lines.stream().map(l -> l.equals(hidden) ? "hidden=100000,64" : l).toList());
        assertThatThrownBy(() -> DigitRecognizer.load(folder.root(), runtime))
                .isInstanceOf(ModelFolderException.class).hasMessageContaining("hidden")
                .hasMessageContaining("from 1 to 4096");

        // Within bounds but 36.8 million weights, where the file holds 109,386: counted, not made.
        String wide = "hidden=4096,4096,4096";
        editProperties(folder, lines -> lines.stream().map(l -> l.startsWith("hidden=") ? wide : l).toList());
        editMetadata(folder, metadata -> ((ObjectNode) metadata.get("architectureArguments")).put("hidden",
                "4096,4096,4096"));
        assertThatThrownBy(() -> DigitRecognizer.load(folder.root(), runtime))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("says the model has 109386 weights")
                .hasMessageContaining("with its arguments has 36818954");

        // A count the parameters file has no room for is refused before any network is built.
        editProperties(folder, lines -> lines.stream().map(l -> l.startsWith("hidden=") ? hidden
                : l.startsWith("parameterCount=") ? "parameterCount=9000000000" : l).toList());
        editMetadata(folder, metadata -> {
            ((ObjectNode) metadata.get("architectureArguments")).put("hidden", "128,64");
            ((ObjectNode) metadata).put("parameterCount", 9_000_000_000L);
        });
        assertThatThrownBy(() -> DigitRecognizer.load(folder.root(), runtime))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("says the model has 9000000000 weights").hasMessageContaining("room for at most");
    }

    private static void editMetadata(ModelFolder folder, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> edit)
            throws IOException {
        Path file;
        try (java.util.stream.Stream<Path> files = Files.list(folder.root())) {
            file = files.filter(f -> f.getFileName().toString().matches("metadata-[0-9a-f]{8}\\.json")).findFirst()
                    .orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode metadata = json.readTree(file.toFile());
        edit.accept(metadata);
        json.writeValue(file.toFile(), metadata);
    }
}
