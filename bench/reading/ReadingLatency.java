import dev.digits.engine.EngineRuntime;
import dev.digits.model.inference.DigitRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Single-image latency of reading an upload in process: {@code DigitRecognizer.predict(bytes)}
 * (decoding, preprocessing, one forward pass, one predictor), over the first images of each kind's
 * half of the reading sets. Prints the median and the 90th percentile in milliseconds. Run it twice
 * in turn with two versions of the preprocessing on the class path (A B A B) to compare them.
 *
 * <p>Usage: java -cp ... ReadingLatency MODEL_DIR SETS_DIR HALF [IMAGES_PER_KIND]
 */
public final class ReadingLatency {

    private static final int WARM_UP = 300;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Path sets = Path.of(args[1]);
        int perKind = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        List<byte[]> images = new ArrayList<>();
        try (Stream<Path> kinds = Files.list(sets)) {
            for (Path kind : kinds.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.walk(kind.resolve(args[2]))) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().limit(perKind).toList()) {
                        images.add(Files.readAllBytes(file));
                    }
                }
            }
        }
        try (DigitRecognizer recognizer = DigitRecognizer.builder(Path.of(args[0]))
                .optRuntime(EngineRuntime.activateFromEnvironment()).optPoolSize(1).build()) {
            for (int i = 0; i < WARM_UP; i++) {
                recognizer.predict(images.get(i % images.size()));
            }
            double[] millis = new double[images.size() * ROUNDS];
            int n = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] image : images) {
                    long start = System.nanoTime();
                    recognizer.predict(image);
                    millis[n++] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "%d reads of %d images: median %.2f ms, 90th percentile %.2f ms%n",
                    millis.length, images.size(), millis[millis.length / 2], millis[millis.length * 9 / 10]);
        }
    }
}
