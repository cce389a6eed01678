package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.ModelFolder;
import dev.digits.train.cli.DigitsCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small models trained once per test JVM and shared by the tests that only read them. */
final class TestModels {

    /** The quick recipe of the tests: 2,000 training images, two epochs of batch 32, 1,000 test images. */
    static final String[] QUICK = {"--epochs", "2", "--train-limit", "2000", "--test-limit", "1000",
        "--batch-size", "32", "--no-charts"};

    private static Path pytorch;

    private TestModels() {}

    static synchronized Path pytorch() throws IOException {
        if (pytorch == null) {
            pytorch = train("PyTorch", freshDir("pytorch-quick"));
        }
        return pytorch;
    }

    static Path freshDir(String name) throws IOException {
        Path dir = Path.of("target", "test-models", name).toAbsolutePath();
        ModelFolder.deleteTree(dir);
        Files.createDirectories(dir.getParent());
        return dir;
    }

    static Path train(String engine, Path dir, String... extra) {
        String previous = System.getProperty(EngineSelection.ENGINE_PROPERTY);
        System.setProperty(EngineSelection.ENGINE_PROPERTY, engine);
        try {
            List<String> args = new ArrayList<>(List.of("train", "-o", dir.toString()));
            List<String> given = List.of(extra);
            for (int i = 0; i < QUICK.length; i++) {
                boolean valued = i + 1 < QUICK.length && !QUICK[i + 1].startsWith("--");
                // An option of the quick recipe that the caller sets is the caller's.
                if (!given.contains(QUICK[i])) {
                    args.add(QUICK[i]);
                    if (valued) {
                        args.add(QUICK[i + 1]);
                    }
                }
                if (valued) {
                    i++;
                }
            }
            args.addAll(given);
            assertThat(DigitsCommand.run(args.toArray(String[]::new))).as("exit code of digits train on " + engine).isZero();
            return dir;
        } finally {
            if (previous == null) {
                System.clearProperty(EngineSelection.ENGINE_PROPERTY);
            } else {
                System.setProperty(EngineSelection.ENGINE_PROPERTY, previous);
            }
        }
    }
}
