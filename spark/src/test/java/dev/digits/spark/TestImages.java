package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.FileTrees;
import dev.digits.app.DigitsCommand;
import dev.digits.train.data.MnistFile;
import dev.digits.train.data.MnistFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/** A small model and folders of digit images, made once per test JVM. */
final class TestImages {

    private static Path model;

    private TestImages() {}

    /** A seed-CNN model trained briefly on PyTorch: answers that mean something, made in seconds. */
    static synchronized Path model() throws IOException {
        if (model == null) {
            Path dir = Path.of("target", "test-models", "spark").toAbsolutePath();
            FileTrees.delete(dir);
            System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
            int exit = DigitsCommand.run("train", "-o", dir.toString(), "--epochs", "1", "--train-limit", "2000",
                    "--test-limit", "500", "--batch-size", "32", "--no-charts");
            assertThat(exit).isZero();
            model = dir;
        }
        return model;
    }

    /**
     * Writes MNIST test digits from {@code first} on as image files, alternating PNG and JPEG and
     * spread over subfolders, and returns the files written.
     */
    static List<Path> writeDigits(Path folder, int first, int count) throws IOException {
        byte[] images = Files.readAllBytes(MnistFiles.fromCache().folder().resolve(MnistFile.TEST_IMAGES.djlKey()));
        List<Path> files = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, images[16 + i * 784 + p] & 0xFF);
            }
            String format = i % 2 == 0 ? "png" : "jpg";
            Path file = folder.resolve("batch" + (i % 3)).resolve(String.format("digit-%05d.%s", i, format));
            Files.createDirectories(file.getParent());
            assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
            files.add(file);
        }
        return files;
    }

    /** The paths of a job's rows, as local paths, checking that no path came twice. */
    static Set<Path> distinctPaths(List<String> paths) {
        Set<Path> seen = new LinkedHashSet<>();
        for (String path : paths) {
            assertThat(seen.add(Path.of(java.net.URI.create(path)))).as("rows of %s", path).isTrue();
        }
        return seen;
    }
}
