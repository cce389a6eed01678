import dev.digits.engine.EngineRuntime;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.NumberReading;
import dev.digits.serve.DigitServer;
import dev.digits.serve.ServerOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Whole numbers made from MNIST test digits (dark on light, gaps of 3 to 14 pixels, vertical
 * jitter, sizes 0.8 to 1.3 times), read by DigitRecognizer.readNumber: the share read exactly, beside
 * the share whose digits the model reads right one by one (the most segmentation could give), with
 * Wilson's 95% interval; where the numbers read wrong are lost (a digit the model misreads as MNIST
 * gives it, one it misreads drawn alone on a page at the size and in the drawing it has in the
 * number, or neither: lost only within the number, to the cutting or the neighbours); the same
 * with one touching pair; then the latency of POST /numbers for a 6-digit number against
 * readNumber in process, in one JVM.
 *
 * <p>With {@code --held-out}, the digits are the training images the robust and augmented recipes
 * hold out (5,000 of 60,000, {@code ValidationSplit}), never the test images: the set to choose
 * segmentation rules on. {@code --failures DIR} writes each number read wrong as a PNG named by its
 * truth and its reading. {@code --smooth} draws the digits larger or smaller bilinearly, as a camera
 * or a scanner would, rather than by nearest neighbour, which drops whole rows and columns of a
 * digit drawn smaller. Latency is measured on test numbers only.
 *
 * <p>Usage: java -cp 'serve/target/lib/*:serve/target/digits-serve.jar:train/target/classes' bench/WholeNumbers.java MODEL_DIR MNIST_DIR
 * [NUMBERS] [--held-out] [--smooth] [--failures DIR]
 */
public class WholeNumbers {
    static byte[] images;
    static byte[] labels;
    /** The images digits are drawn from: indices into the file. */
    static int[] pool;
    /** Whether digits are drawn larger or smaller smoothly (bilinear) rather than by nearest neighbour. */
    static boolean smooth;

    /** A composed number: its image, and the size and top row each of its digits was drawn at. */
    record Composed(BufferedImage image, double[] factors, int[] tops) {}

    public static void main(String[] args) throws Exception {
        java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args));
        boolean heldOut = rest.remove("--held-out");
        smooth = rest.remove("--smooth");
        Path failures = null;
        int at = rest.indexOf("--failures");
        if (at >= 0) {
            failures = Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
            Files.createDirectories(failures);
        }
        Path model = Path.of(rest.get(0));
        String set = heldOut ? "train" : "test";
        images = Files.readAllBytes(Path.of(rest.get(1), set + "_data"));
        labels = Files.readAllBytes(Path.of(rest.get(1), set + "_labels"));
        int count = rest.size() > 2 ? Integer.parseInt(rest.get(2)) : 1000;
        pool = heldOut
                ? new dev.digits.train.data.ValidationSplit(60_000, 5_000).validationIndices().stream()
                        .mapToInt(Long::intValue).toArray()
                : java.util.stream.IntStream.range(0, 10_000).toArray();
        try (DigitRecognizer recognizer = DigitRecognizer.builder(model)
                .optRuntime(EngineRuntime.activateFromEnvironment()).optPoolSize(2).build()) {
            boolean[] alone = new boolean[labels.length - 8];
            for (int i : pool) {
                alone[i] = recognizer.predict(pixels(i)).digit() == labels[8 + i];
            }
            Random random = new Random(2025);
            for (int touching = 0; touching <= 1; touching++) {
                int exact = 0;
                int possible = 0;
                // Where the numbers read wrong are lost: a digit misread as MNIST gives it, a digit
                // misread drawn alone on a page at its size, or only within the number.
                int lostAsMnist = 0;
                int lostAsDrawn = 0;
                for (int n = 0; n < count; n++) {
                    int[] picks = new int[4];
                    StringBuilder truth = new StringBuilder();
                    boolean allAlone = true;
                    for (int d = 0; d < 4; d++) {
                        picks[d] = pool[random.nextInt(pool.length)];
                        truth.append(labels[8 + picks[d]]);
                        allAlone &= alone[picks[d]];
                    }
                    int pair = touching == 1 ? random.nextInt(3) : -1;
                    Composed composed = compose(picks, random, pair);
                    String read = recognizer.readNumber(composed.image()).number();
                    boolean right = read.contentEquals(truth);
                    exact += right ? 1 : 0;
                    if (!right && !allAlone) {
                        lostAsMnist++;
                    } else if (!right && drawnAloneMisread(recognizer, picks, composed)) {
                        lostAsDrawn++;
                    }
                    if (failures != null && !right) {
                        ImageIO.write(composed.image(), "png", failures.resolve((touching == 1 ? "touching-" : "gaps-") + n
                                + "-" + truth + "-read-" + read + (allAlone ? "" : "-alone-wrong") + ".png").toFile());
                    }
                    possible += allAlone ? 1 : 0;
                }
                double[] interval = wilson(exact, count);
                System.out.printf(Locale.ROOT, "4-digit numbers%s: %.1f%% read exactly (%d of %d; 95%% interval"
                        + " %.1f-%.1f%%); digits read right one by one in %.1f%%; of the %d read wrong, %d hold a digit"
                        + " misread as MNIST gives it, %d one misread drawn alone at its size, %d are lost only within"
                        + " the number%n", touching == 1 ? ", one pair touching" : " with gaps",
                        100.0 * exact / count, exact, count, 100 * interval[0], 100 * interval[1],
                        100.0 * possible / count, count - exact, lostAsMnist, lostAsDrawn,
                        count - exact - lostAsMnist - lostAsDrawn);
            }
            if (!heldOut) {
                latency(recognizer, random);
            }
        }
    }

    /** Wilson's 95% interval for a share of {@code n}: how far 500 or 1,000 numbers pin a figure down. */
    static double[] wilson(int successes, int n) {
        double z = 1.96;
        double p = (double) successes / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return new double[] {centre - half, centre + half};
    }

    /**
     * Whether a digit of a composed number, drawn alone on a page as it was drawn in the number
     * (the same size and drawing), is misread: lost to the drawing, not to the number.
     */
    static boolean drawnAloneMisread(DigitRecognizer recognizer, int[] picks, Composed number) {
        for (int d = 0; d < picks.length; d++) {
            int side = (int) Math.round(28 * number.factors()[d]);
            int page = 80;
            float[] paper = new float[page * page];
            draw(pixels(picks[d]), number.factors()[d], paper, page, page, (page - side) / 2, number.tops()[d]);
            if (recognizer.predict(image(paper, page, page)).digit() != labels[8 + picks[d]]) {
                return true;
            }
        }
        return false;
    }

    static float[] pixels(int index) {
        float[] p = new float[784];
        for (int i = 0; i < 784; i++) {
            p[i] = (images[16 + index * 784 + i] & 0xFF) / 255f;
        }
        return p;
    }

    /** Digits dark on light; {@code touching} is the index of the digit that touches the next, or -1. */
    static Composed compose(int[] picks, Random random, int touching) {
        int height = 80;
        int width = 20 + picks.length * 60;
        float[] paper = new float[width * height];
        double[] factors = new double[picks.length];
        int[] tops = new int[picks.length];
        int x = 10;
        for (int k = 0; k < picks.length; k++) {
            float[] digit = pixels(picks[k]);
            double factor = 0.8 + 0.5 * random.nextDouble();
            int side = (int) Math.round(28 * factor);
            int top = 40 - side / 2 + random.nextInt(9) - 4;
            factors[k] = factor;
            tops[k] = top;
            int first = 27;
            int last = 0;
            for (int p = 0; p < 784; p++) {
                if (digit[p] > 0.2f) {
                    first = Math.min(first, p % 28);
                    last = Math.max(last, p % 28);
                }
            }
            int left = x - (int) Math.round(first * factor);
            draw(digit, factor, paper, width, height, left, top);
            int gap = k == touching ? -2 + random.nextInt(3) : 3 + random.nextInt(12);
            x = left + (int) Math.round((last + 1) * factor) + gap;
        }
        return new Composed(image(paper, width, height), factors, tops);
    }

    /** A 28x28 digit drawn {@code factor} times its size onto paper, its top left corner at (left, top). */
    static void draw(float[] digit, double factor, float[] paper, int width, int height, int left, int top) {
        int side = (int) Math.round(28 * factor);
        for (int y = 0; y < side; y++) {
            for (int c = 0; c < side; c++) {
                float v = smooth ? bilinear(digit, (c + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5)
                        : digit[Math.min(27, (int) (y / factor)) * 28 + Math.min(27, (int) (c / factor))];
                int px = left + c;
                int py = top + y;
                if (px >= 0 && px < width && py >= 0 && py < height) {
                    paper[py * width + px] = Math.max(paper[py * width + px], v);
                }
            }
        }
    }

    /** Ink on paper (0 paper, 1 ink) as a grey image, dark on light. */
    static BufferedImage image(float[] paper, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < paper.length; i++) {
            image.getRaster().setSample(i % width, i / width, 0, Math.round(255 * (1 - paper[i])));
        }
        return image;
    }

    /** The digit's level at a point between its pixels, 0 outside it. */
    static float bilinear(float[] digit, double x, double y) {
        int left = (int) Math.floor(x);
        int top = (int) Math.floor(y);
        double fx = x - left;
        double fy = y - top;
        return (float) ((1 - fx) * (1 - fy) * at(digit, left, top) + fx * (1 - fy) * at(digit, left + 1, top)
                + (1 - fx) * fy * at(digit, left, top + 1) + fx * fy * at(digit, left + 1, top + 1));
    }

    private static float at(float[] digit, int x, int y) {
        return x < 0 || y < 0 || x > 27 || y > 27 ? 0f : digit[y * 28 + x];
    }

    static void latency(DigitRecognizer recognizer, Random random) throws Exception {
        int[] picks = new int[6];
        for (int d = 0; d < 6; d++) {
            picks[d] = pool[random.nextInt(pool.length)];
        }
        BufferedImage number = compose(picks, random, -1).image();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(number, "png", png);
        byte[] body = png.toByteArray();
        int calls = 300;
        double[] inProcess = new double[calls];
        double[] http = new double[calls];
        try (DigitServer server = DigitServer.start(recognizer, ServerOptions.defaults().withPort(0))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/numbers"))
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            for (int i = 0; i < 30; i++) {
                recognizer.readNumber(body);
                client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            // Taking turns, so that a drift of the machine touches both.
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                recognizer.readNumber(body);
                inProcess[i] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                http[i] = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.body());
                }
            }
        }
        Arrays.sort(inProcess);
        Arrays.sort(http);
        System.out.printf(Locale.ROOT, "6-digit number, %d calls each: readNumber in process p50 %.1f ms p99 %.1f ms;"
                + " POST /numbers p50 %.1f ms p99 %.1f ms (%.2fx the in-process p50)%n", calls,
                inProcess[calls / 2], inProcess[calls * 99 / 100], http[calls / 2], http[calls * 99 / 100],
                http[calls / 2] / inProcess[calls / 2]);
    }
}
