package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.ModelFolder;
import dev.digits.train.cli.DigitsCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            String[] args = new String[3 + QUICK.length + extra.length];
            args[0] = "train";
            args[1] = "-o";
            args[2] = dir.toString();
            System.arraycopy(QUICK, 0, args, 3, QUICK.length);
            System.arraycopy(extra, 0, args, 3 + QUICK.length, extra.length);
            assertThat(DigitsCommand.run(args)).as("exit code of digits train on " + engine).isZero();
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
