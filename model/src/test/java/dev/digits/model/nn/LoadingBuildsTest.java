package dev.digits.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.FolderReads;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.inference.DigitRecognizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One load checks the folder once and builds the network once: its weights are counted on that
 * network with a scalar for each (before anything of their size exists) and then read into it.
 * serving.properties is read from disk once by digits (DJL reads it too, and digits checks what
 * DJL read), the metadata once, the weights hashed once.
 */
class LoadingBuildsTest {

    @TempDir
    Path dir;

    @Test
    void aLoadChecksTheFolderOnceAndBuildsTheNetworkOnce() throws Exception {
        EngineRuntime runtime = TestModelFolders.pytorchOnCpu();
        for (Architecture architecture : new Architecture[] {Architecture.SEED_CNN, Architecture.STRIDED_CNN}) {
            ModelFolder folder = new ModelFolder(dir.resolve(architecture.id()));
            try (Model model = TestModelFolders.untrainedModel(runtime, architecture)) {
                TestModelFolders.save(folder, model, runtime);
            }
            long before = Architecture.BUILDS.sum();
            FolderReads read = FolderReads.now();
            try (DigitRecognizer recognizer = DigitRecognizer.load(folder.root(), runtime)) {
                assertThat(Architecture.BUILDS.sum() - before).as(architecture.id()).isEqualTo(1);
                assertThat(FolderReads.now().since(read)).as(architecture.id()).isEqualTo(new FolderReads(1, 1, 1));
                assertThat(recognizer.predict(TestModelFolders.randomPixels(1)).probabilities()).hasSize(10);
            }
        }
    }
}
