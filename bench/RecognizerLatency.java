import dev.digits.engine.EngineRuntime;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * In-process inference figures of DigitRecognizer on the engine chosen by -Dai.djl.default_engine:
 * single-image latency from one thread and from a pool of threads, batch-128 throughput, and
 * resident memory before and after many calls. Writes one MNIST test digit as PNG for the HTTP
 * benchmark.
 *
 * Usage: java -cp 'serve/target/lib/*:serve/target/digits-serve.jar' bench/RecognizerLatency.java
 *        MODEL_DIR MNIST_DIR PNG_OUT [CALLS]
 */
public class RecognizerLatency {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        byte[] images = Files.readAllBytes(Path.of(args[1]).resolve("test_data"));
        Path pngOut = Path.of(args[2]);
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        List<float[]> digits = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            float[] pixels = new float[784];
            for (int p = 0; p < 784; p++) {
                pixels[p] = (images[16 + i * 784 + p] & 0xFF) / 255f;
            }
            digits.add(pixels);
        }
        BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 784; p++) {
            png.getRaster().setSample(p % 28, p / 28, 0, Math.round(digits.get(0)[p] * 255));
        }
        ImageIO.write(png, "png", pngOut.toFile());

        EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
        try (DigitRecognizer recognizer = DigitRecognizer.load(model, runtime)) {
            for (int i = 0; i < 500; i++) {
                recognizer.predict(digits.get(i % digits.size()));
            }
            long[] single = new long[2000];
            for (int i = 0; i < single.length; i++) {
                long start = System.nanoTime();
                recognizer.predict(digits.get(i % digits.size()));
                single[i] = System.nanoTime() - start;
            }
            report(runtime + " one thread", single);

            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int offset = t;
                futures.add(pool.submit(() -> {
                    long[] times = new long[500];
                    for (int i = 0; i < times.length; i++) {
                        long start = System.nanoTime();
                        recognizer.predict(digits.get((offset * 131 + i) % digits.size()));
                        times[i] = System.nanoTime() - start;
                    }
                    return times;
                }));
            }
            long poolStart = System.nanoTime();
            List<Long> all = new ArrayList<>();
            for (Future<long[]> future : futures) {
                for (long t : future.get()) {
                    all.add(t);
                }
            }
            double poolSeconds = (System.nanoTime() - poolStart) / 1e9;
            pool.shutdown();
            report(threads + " threads", all.stream().mapToLong(Long::longValue).toArray());
            System.out.printf(Locale.ROOT, "%d threads: %.0f predictions/s%n", threads, all.size() / poolSeconds);

            List<float[]> batch = digits.subList(0, 128);
            recognizer.predictPixels(batch);
            long start = System.nanoTime();
            int rounds = 30;
            for (int r = 0; r < rounds; r++) {
                recognizer.predictPixels(batch);
            }
            System.out.printf(Locale.ROOT, "batch 128: %.0f images/s%n", rounds * 128 / ((System.nanoTime() - start) / 1e9));

            long before = rssKib();
            for (int i = 0; i < calls; i++) {
                Prediction p = recognizer.predict(digits.get(i % digits.size()));
                if (p.digit() < 0) {
                    throw new AssertionError();
                }
            }
            long after = rssKib();
            System.out.printf(Locale.ROOT, "RSS before %d calls %.0f MiB, after %.0f MiB (%+.1f%%)%n", calls,
                    before / 1024.0, after / 1024.0, 100.0 * (after - before) / before);
        }
    }

    static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms over %d calls%n", label,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted.length);
    }

    static long rssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
