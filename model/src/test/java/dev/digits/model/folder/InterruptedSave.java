package dev.digits.model.folder;

import ai.djl.Model;
import dev.digits.engine.EngineRuntime;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A process that saves a new model into a folder and stops at one step of the save, so that a
 * test can kill it there. Arguments: the folder, the step to stop at.
 */
public final class InterruptedSave {

    private InterruptedSave() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String stopAt = args[1];
        ModelFolder.saveStep = step -> {
            if (step.equals(stopAt)) {
                System.out.println("paused at " + step);
                System.out.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        EngineRuntime runtime = TestModelFolders.pytorchOnCpu();
        try (Model model = TestModelFolders.untrainedModel(runtime)) {
            TestModelFolders.save(new ModelFolder(dir), model, runtime);
        }
        System.out.println("saved");
    }
}
