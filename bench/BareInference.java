import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.nn.DigitNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline for RecognizerLatency: the same network and weights driven by plain DJL (a
 * NoopTranslator predictor, arrays made and freed by hand), none of the product's code on the
 * inference path. Prints single-image latency from one thread and from four (one predictor each),
 * and batch-128 throughput, in the same format as RecognizerLatency.
 *
 * Usage: java -cp 'serve/target/lib/*:serve/target/digits-serve.jar' bench/BareInference.java MODEL_DIR MNIST_DIR
 */
public class BareInference {
    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        byte[] images = Files.readAllBytes(Path.of(args[1]).resolve("test_data"));
        float[] digits = new float[1000 * 784];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (images[16 + i] & 0xFF) / 255f;
        }
        String params;
        try (var files = Files.list(modelDir)) {
            params = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".params")).findFirst()
                    .orElseThrow();
        }
        Matcher name = Pattern.compile("(.+)-(\\d{4})\\.params").matcher(params);
        if (!name.matches()) {
            throw new IllegalStateException("unexpected parameter file " + params);
        }

        EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
        try (Model model = Model.newInstance("bare", runtime.device(), runtime.name().djlName())) {
            model.setBlock(DigitNetwork.create());
            model.load(modelDir, name.group(1), java.util.Map.of("epoch", Integer.parseInt(name.group(2))));
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                for (int i = 0; i < 500; i++) {
                    predict(model, predictor, digits, i % 1000, 1);
                }
                long[] single = new long[2000];
                for (int i = 0; i < single.length; i++) {
                    long start = System.nanoTime();
                    predict(model, predictor, digits, i % 1000, 1);
                    single[i] = System.nanoTime() - start;
                }
                report(runtime + " bare, one thread", single);

                int threads = runtime.name().djlName().equals("MXNet") ? 1 : 4;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<long[]>> futures = new ArrayList<>();
                long poolStart = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    final int offset = t;
                    futures.add(pool.submit(() -> {
                        long[] times = new long[500];
                        try (Predictor<NDList, NDList> own = model.newPredictor(new NoopTranslator())) {
                            for (int i = 0; i < times.length; i++) {
                                long start = System.nanoTime();
                                predict(model, own, digits, (offset * 131 + i) % 1000, 1);
                                times[i] = System.nanoTime() - start;
                            }
                        }
                        return times;
                    }));
                }
                long[] all = new long[threads * 500];
                for (int t = 0; t < threads; t++) {
                    System.arraycopy(futures.get(t).get(), 0, all, t * 500, 500);
                }
                double poolSeconds = (System.nanoTime() - poolStart) / 1e9;
                pool.shutdown();
                report(threads + " threads bare", all);
                System.out.printf(Locale.ROOT, "%d threads bare: %.0f predictions/s%n", threads, all.length / poolSeconds);

                predict(model, predictor, digits, 0, 128);
                int rounds = 30;
                long start = System.nanoTime();
                for (int r = 0; r < rounds; r++) {
                    predict(model, predictor, digits, 0, 128);
                }
                System.out.printf(Locale.ROOT, "batch 128 bare: %.0f images/s%n",
                        rounds * 128 / ((System.nanoTime() - start) / 1e9));
            }
        }
    }

    static float[] predict(Model model, Predictor<NDList, NDList> predictor, float[] digits, int first, int count)
            throws Exception {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            float[] input = Arrays.copyOfRange(digits, first * 784, (first + count) * 784);
            NDList out = predictor.predict(new NDList(manager.create(input, new Shape(count, 1, 28, 28))));
            return out.singletonOrThrow().softmax(1).toFloatArray();
        }
    }

    static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms over %d calls%n", label,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted.length);
    }
}
