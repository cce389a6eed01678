import dev.digits.engine.EngineRuntime;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Workload;
import dev.digits.model.inference.Prediction;
import dev.digits.model.inference.Reading;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * One model on the reading benchmark's half: per kind, the share of images read right through
 * digits' own preprocessing (the image file's bytes, as served) and through the textbook pipeline
 * (Textbook) feeding the same model; then MNIST as it is (dev: the 5,000 held-out training images;
 * test: the 10,000 test images).
 *
 * <p>Prints "KIND IMAGES DIGITS% TEXTBOOK% DIGITS_ALONE TEXTBOOK_ALONE" lines (the last two: how many
 * images only digits' preprocessing, or only the textbook pipeline, read right: the paired view that
 * tells a difference from the noise of a few hundred images), then "mnist IMAGES ACCURACY% -".
 *
 * <p>Usage: java -cp ... ReadingAccuracy MODEL_DIR SETS_DIR dev|test MNIST_DIR [KIND,KIND...]
 */
public final class ReadingAccuracy {

    private static final int BATCH = 64;

    public static void main(String[] args) throws Exception {
        Path sets = Path.of(args[1]);
        String half = args[2];
        try (DigitRecognizer recognizer = DigitRecognizer.builder(Path.of(args[0]))
                .optRuntime(EngineRuntime.activateFromEnvironment()).optPoolSize(1)
                .optWorkload(Workload.BATCHES).build();
                Stream<Path> names = Files.list(sets)) {
            java.util.Set<String> only = args.length > 4 ? java.util.Set.of(args[4].split(",")) : null;
            for (Path kind : names.filter(Files::isDirectory).sorted().toList()) {
                if (only != null && !only.contains(kind.getFileName().toString())) {
                    continue;
                }
                List<Path> files = images(kind, half);
                int digits = 0;
                int textbook = 0;
                int digitsAlone = 0;
                int textbookAlone = 0;
                for (int from = 0; from < files.size(); from += BATCH) {
                    List<Path> batch = files.subList(from, Math.min(files.size(), from + BATCH));
                    List<byte[]> bytes = new ArrayList<>();
                    List<float[]> pixels = new ArrayList<>();
                    List<Integer> readable = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        byte[] file = Files.readAllBytes(batch.get(i));
                        bytes.add(file);
                        try {
                            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
                            pixels.add(Textbook.pixels(image));
                            readable.add(i);
                        } catch (RuntimeException blank) {
                            // A wrong answer for the textbook figure.
                        }
                    }
                    List<Reading> readings = recognizer.readEachEncoded(bytes);
                    List<Prediction> textbooks = recognizer.predictPixels(pixels);
                    boolean[] bookRight = new boolean[batch.size()];
                    for (int i = 0; i < readable.size(); i++) {
                        bookRight[readable.get(i)] = textbooks.get(i).digit() == label(batch.get(readable.get(i)));
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        int label = label(batch.get(i));
                        boolean right = readings.get(i).ok() && readings.get(i).prediction().digit() == label;
                        digits += right ? 1 : 0;
                        textbook += bookRight[i] ? 1 : 0;
                        digitsAlone += right && !bookRight[i] ? 1 : 0;
                        textbookAlone += bookRight[i] && !right ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "%s %d %.2f %.2f %d %d%n", kind.getFileName(), files.size(),
                        100.0 * digits / files.size(), 100.0 * textbook / files.size(), digitsAlone, textbookAlone);
            }
            if (only == null || only.contains("mnist")) {
                mnist(recognizer, Path.of(args[3]), half);
            }
        }
    }

    /** The images of one kind's half, in name order. */
    static List<Path> images(Path kind, String half) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(kind.resolve(half))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The digit an image shows: the name of its folder. */
    static int label(Path file) {
        return Integer.parseInt(file.getParent().getFileName().toString());
    }

    /** MNIST's own digits, as they are: the held-out training images for dev, the test images for test. */
    private static void mnist(DigitRecognizer recognizer, Path mnist, String half) throws Exception {
        boolean dev = half.equals("dev");
        byte[] images = Files.readAllBytes(mnist.resolve(dev ? "train_data" : "test_data"));
        byte[] labels = Files.readAllBytes(mnist.resolve(dev ? "train_labels" : "test_labels"));
        List<Long> indices = new ArrayList<>();
        if (dev) {
            indices.addAll(new dev.digits.train.data.ValidationSplit(60_000, 5_000).validationIndices());
        } else {
            for (long i = 0; i < 10_000; i++) {
                indices.add(i);
            }
        }
        int right = 0;
        for (int from = 0; from < indices.size(); from += 256) {
            List<float[]> pixels = new ArrayList<>();
            List<Integer> truth = new ArrayList<>();
            for (int n = from; n < Math.min(indices.size(), from + 256); n++) {
                int index = (int) (long) indices.get(n);
                float[] digit = new float[784];
                for (int p = 0; p < 784; p++) {
                    digit[p] = (images[16 + index * 784 + p] & 0xFF) / 255f;
                }
                pixels.add(digit);
                truth.add((int) labels[8 + index]);
            }
            List<Prediction> answers = recognizer.predictPixels(pixels);
            for (int i = 0; i < answers.size(); i++) {
                right += answers.get(i).digit() == truth.get(i) ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "mnist %d %.2f -%n", indices.size(), 100.0 * right / indices.size());
    }
}
