package dev.digits.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.inference.DigitRecognizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One load builds the network twice: once with a scalar for every weight, to count the weights the
 * folder's arguments describe before anything of their size exists, and once to read the weights
 * into. Reading serving.properties builds none (it built one each of the three times a load read it).
 */
class LoadingBuildsTest {

    @TempDir
    Path dir;

    @Test
    void aLoadBuildsTheNetworkToCountItsWeightsAndOnceToReadThem() throws Exception {
        EngineRuntime runtime = TestModelFolders.pytorchOnCpu();
        for (Architecture architecture : new Architecture[] {Architecture.SEED_CNN, Architecture.STRIDED_CNN}) {
            ModelFolder folder = new ModelFolder(dir.resolve(architecture.id()));
            try (Model model = TestModelFolders.untrainedModel(runtime, architecture)) {
                TestModelFolders.save(folder, model, runtime);
            }
            long before = Architecture.BUILDS.sum();
            try (DigitRecognizer recognizer = DigitRecognizer.load(folder.root(), runtime)) {
                assertThat(Architecture.BUILDS.sum() - before).as(architecture.id()).isEqualTo(2);
                assertThat(recognizer.predict(TestModelFolders.randomPixels(1)).probabilities()).hasSize(10);
            }
        }
    }
}
