import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.DeferredTranslatorFactory;
import ai.djl.translate.NoopTranslator;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.nn.Architecture;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * In-process inference figures of a model folder, read one of three ways on the engine chosen by
 * -Dai.djl.default_engine:
 *   bare        plain DJL, the baseline: the folder's network and weights, a NoopTranslator
 *               predictor, arrays made and freed by hand, softmax by the engine;
 *   criteria    DJL's Criteria with the folder's translator (Criteria<float[], Classifications>);
 *   recognizer  the project's DigitRecognizer;
 *   batches     all three in one JVM, batch-128 throughput in turns (the steadiest comparison).
 * Otherwise prints single-image latency from one thread and from four (MXNet: one), batch-128 throughput,
 * and resident memory before and after CALLS single-image calls. Writes one MNIST test digit as
 * PNG for the HTTP benchmark.
 *
 * Usage: java -cp 'serve/target/lib/*:serve/target/digits-serve.jar' bench/InferenceLatency.java
 *        bare|criteria|recognizer|batches MODEL_DIR MNIST_DIR PNG_OUT [CALLS]
 */
public class InferenceLatency {

    /** Reads a batch of pixel arrays into probabilities; one per thread where the way needs it. */
    interface Digits extends AutoCloseable {
        float[][] read(List<float[]> batch) throws Exception;

        @Override
        default void close() {}
    }

    interface Way extends AutoCloseable {
        /** A reader for one thread. */
        Digits reader() throws Exception;

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        String way = args[0];
        Path folder = Path.of(args[1]);
        byte[] images = Files.readAllBytes(Path.of(args[2]).resolve("test_data"));
        Path pngOut = Path.of(args[3]);
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
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
        if (way.equals("batches")) {
            interleavedBatches(folder, runtime, digits.subList(0, 128));
            return;
        }
        String label = runtime.name().djlName() + " " + way;
        try (Way reading = switch (way) {
            case "bare" -> bare(folder, runtime);
            case "criteria" -> criteria(folder, runtime);
            case "recognizer" -> recognizer(folder, runtime);
            default -> throw new IllegalArgumentException("bare, criteria or recognizer, not " + way);
        }) {
            try (Digits reader = reading.reader()) {
                for (int i = 0; i < 500; i++) {
                    reader.read(List.of(digits.get(i % digits.size())));
                }
                long[] single = new long[2000];
                for (int i = 0; i < single.length; i++) {
                    long start = System.nanoTime();
                    reader.read(List.of(digits.get(i % digits.size())));
                    single[i] = System.nanoTime() - start;
                }
                report(label + ", one thread", single);
            }

            int threads = runtime.name().djlName().equals("MXNet") ? 1 : 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> futures = new ArrayList<>();
            long poolStart = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                final int offset = t;
                futures.add(pool.submit(() -> {
                    long[] times = new long[500];
                    try (Digits own = reading.reader()) {
                        for (int i = 0; i < times.length; i++) {
                            long start = System.nanoTime();
                            own.read(List.of(digits.get((offset * 131 + i) % digits.size())));
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
            report(label + ", " + threads + " threads", all);
            System.out.printf(Locale.ROOT, "%s, %d threads: %.0f predictions/s%n", label, threads, all.length / poolSeconds);

            try (Digits reader = reading.reader()) {
                List<float[]> batch = digits.subList(0, 128);
                reader.read(batch);
                int rounds = 100;
                long start = System.nanoTime();
                for (int r = 0; r < rounds; r++) {
                    reader.read(batch);
                }
                System.out.printf(Locale.ROOT, "%s, batch 128: %.0f images/s%n", label,
                        rounds * 128 / ((System.nanoTime() - start) / 1e9));

                long before = rssKib();
                for (int i = 0; i < calls; i++) {
                    if (reader.read(List.of(digits.get(i % digits.size())))[0].length != 10) {
                        throw new AssertionError();
                    }
                }
                long after = rssKib();
                System.out.printf(Locale.ROOT, "%s, RSS before %d calls %.0f MiB, after %.0f MiB (%+.1f%%)%n", label,
                        calls, before / 1024.0, after / 1024.0, 100.0 * (after - before) / before);
            }
        }
    }

    /**
     * Batch-128 throughput of the three ways in one JVM, taking turns: 10 turns of 20 batches
     * each, so that a drift of the machine touches all three alike. Prints each way's median.
     */
    static void interleavedBatches(Path folder, EngineRuntime runtime, List<float[]> batch) throws Exception {
        String[] names = {"bare", "criteria", "recognizer"};
        Way[] ways = {bare(folder, runtime), criteria(folder, runtime), recognizer(folder, runtime)};
        Digits[] readers = new Digits[ways.length];
        double[][] speeds = new double[ways.length][10];
        try {
            for (int w = 0; w < ways.length; w++) {
                readers[w] = ways[w].reader();
                for (int i = 0; i < 5; i++) {
                    readers[w].read(batch);
                }
            }
            for (int turn = 0; turn < 10; turn++) {
                for (int w = 0; w < ways.length; w++) {
                    long start = System.nanoTime();
                    for (int r = 0; r < 20; r++) {
                        readers[w].read(batch);
                    }
                    speeds[w][turn] = 20 * batch.size() / ((System.nanoTime() - start) / 1e9);
                }
            }
        } finally {
            for (int w = 0; w < ways.length; w++) {
                if (readers[w] != null) {
                    readers[w].close();
                }
                ways[w].close();
            }
        }
        double bare = median(speeds[0]);
        for (int w = 0; w < ways.length; w++) {
            double[] sorted = speeds[w].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%s %s, batch 128 in turns: median %.0f images/s (turns %.0f to %.0f),"
                    + " %.3fx bare%n", runtime.name().djlName(), names[w], median(speeds[w]), sorted[0],
                    sorted[sorted.length - 1], median(speeds[w]) / bare);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** Plain DJL: the network the folder's serving.properties names, loaded by Model.load. */
    static Way bare(Path folder, EngineRuntime runtime) throws Exception {
        Properties serving = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("serving.properties"))) {
            serving.load(in);
        }
        Architecture architecture = Architecture.parse(serving.getProperty("architecture"));
        Map<String, String> arguments = new HashMap<>();
        architecture.defaultArguments().keySet().forEach(key -> arguments.put(key, serving.getProperty(key)));
        Model model = Model.newInstance("bare", runtime.device(), runtime.name().djlName());
        model.setBlock(architecture.newBlock(arguments));
        model.load(folder, serving.getProperty("option.modelName"),
                Map.of("epoch", Integer.parseInt(serving.getProperty("option.epoch"))));
        return new Way() {
            @Override
            public Digits reader() {
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                return closing(predictor, batch -> {
                    try (NDManager manager = model.getNDManager().newSubManager()) {
                        float[] input = new float[batch.size() * 784];
                        for (int i = 0; i < batch.size(); i++) {
                            System.arraycopy(batch.get(i), 0, input, i * 784, 784);
                        }
                        NDList out = predictor.predict(
                                new NDList(manager.create(input, new Shape(batch.size(), 1, 28, 28))));
                        // A NoopTranslator's outputs outlive the call: free them with the call's arrays.
                        out.attach(manager);
                        float[] flat = out.singletonOrThrow().softmax(1).toFloatArray();
                        float[][] answers = new float[batch.size()][];
                        for (int i = 0; i < answers.length; i++) {
                            answers[i] = Arrays.copyOfRange(flat, i * 10, (i + 1) * 10);
                        }
                        return answers;
                    }
                });
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    /** DJL's Criteria with the translator the folder names. */
    static Way criteria(Path folder, EngineRuntime runtime) throws Exception {
        ZooModel<float[], Classifications> model = Criteria.builder()
                .setTypes(float[].class, Classifications.class)
                .optModelPath(folder)
                .optTranslatorFactory(new DeferredTranslatorFactory())
                .build()
                .loadModel();
        return new Way() {
            @Override
            public Digits reader() {
                Predictor<float[], Classifications> predictor = model.newPredictor();
                return closing(predictor, batch -> {
                    List<Classifications> answers = predictor.batchPredict(batch);
                    float[][] out = new float[answers.size()][10];
                    for (int i = 0; i < out.length; i++) {
                        List<String> names = answers.get(i).getClassNames();
                        List<Double> probabilities = answers.get(i).getProbabilities();
                        for (int c = 0; c < 10; c++) {
                            out[i][Integer.parseInt(names.get(c))] = probabilities.get(c).floatValue();
                        }
                    }
                    return out;
                });
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    /** The project's recognizer, shared by every thread as an application shares it. */
    static Way recognizer(Path folder, EngineRuntime runtime) {
        DigitRecognizer recognizer = DigitRecognizer.load(folder, runtime);
        return new Way() {
            @Override
            public Digits reader() {
                return batch -> recognizer.predictPixels(batch).stream()
                        .map(p -> p.probabilities()).toArray(float[][]::new);
            }

            @Override
            public void close() {
                recognizer.close();
            }
        };
    }

    /** A reader on its own predictor, which it closes. */
    static Digits closing(Predictor<?, ?> predictor, Digits read) {
        return new Digits() {
            @Override
            public float[][] read(List<float[]> batch) throws Exception {
                return read.read(batch);
            }

            @Override
            public void close() {
                predictor.close();
            }
        };
    }

    static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: p50 %.3f ms, p99 %.3f ms over %d calls%n", label,
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
