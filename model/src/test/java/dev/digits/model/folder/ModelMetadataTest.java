package dev.digits.model.folder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe a model says it was trained with, trained or combined. */
class ModelMetadataTest {

    @TempDir
    Path dir;

    @Test
    void aTrainedModelsRecipeIsItsOwn() {
        assertThat(trained("robust").recipe()).isEqualTo("robust");
        assertThat(trained("seed").recipe()).isEqualTo("seed");
    }

    @Test
    void anEnsemblesRecipeIsTheOneItsMembersShare() {
        assertThat(ensemble("robust", "robust").recipe()).isEqualTo("robust");
        assertThat(ensemble("robust", "augmented").recipe()).isNull();
    }

    @Test
    void theRecipeIsReadFromTheFileNotWrittenToIt() throws IOException {
        Path file = dir.resolve("metadata.json");
        JsonFiles.write(file, ensemble("robust", "robust"));
        assertThat(new ObjectMapper().readTree(file.toFile()).has("recipe")).isFalse();
        assertThat(JsonFiles.read(file, ModelMetadata.class).recipe()).isEqualTo("robust");
    }

    private static Hyperparameters recipe(String name) {
        return new Hyperparameters(30, 128, 0.001, 0.9, 0.999, 1e-7, 42, 55_000, 10_000, 5_000, "none",
                "constant", name);
    }

    private static ModelMetadata trained(String recipe) {
        return metadata(recipe(recipe), List.of());
    }

    private static ModelMetadata ensemble(String first, String second) {
        return metadata(null, List.of(new EnsembleMember("a", "00", "PyTorch", recipe(first), 0.99),
                new EnsembleMember("b", "11", "PyTorch", recipe(second), 0.99)));
    }

    private static ModelMetadata metadata(Hyperparameters hyperparameters, List<EnsembleMember> members) {
        return new ModelMetadata(ModelFolder.FORMAT_VERSION, "digits-00000000-0030.params", "00", 1,
                "strided-cnn", Map.of(), "PyTorch", "2.7.1", "cpu()", hyperparameters, Map.of(), 0.99, 1,
                "2026-12-07T00:00:00Z", members);
    }
}
