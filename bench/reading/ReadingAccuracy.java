import dev.digits.engine.EngineRuntime;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.InvalidImageException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Accuracy of one model on the sets bench/ReadingSets.java writes, two ways for each image: the
 * image file as digits reads it (DigitRecognizer.predict(bytes), what is served), and the textbook
 * MNIST pipeline (grey levels, invert, crop to the ink, Lanczos resize to fit 20x20, centre of
 * mass to the centre of 28x28) feeding the same model its pixels. For mnist-uploads it adds the
 * accuracy on the same MNIST digits as they are (the clean figure).
 *
 * <p>Prints one line per set: "SET IMAGES DIGITS% TEXTBOOK% [CLEAN%]".
 *
 * <p>Usage: java -cp 'model/target/lib/*:model/target/classes' bench/ReadingAccuracy.java MODEL_DIR SETS_DIR PART MNIST_DIR
 */
public class ReadingAccuracy {

    public static void main(String[] args) throws Exception {
        Path sets = Path.of(args[1]);
        String part = args[2];
        Path mnist = Path.of(args[3]);
        try (DigitRecognizer recognizer = DigitRecognizer.builder(Path.of(args[0]))
                .optRuntime(EngineRuntime.activateFromEnvironment()).optPoolSize(1).build();
                Stream<Path> names = Files.list(sets)) {
            for (Path set : names.sorted().toList()) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(set.resolve(part))) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                int digits = 0;
                int textbook = 0;
                for (Path file : files) {
                    int label = Integer.parseInt(file.getParent().getFileName().toString());
                    digits += read(() -> recognizer.predict(Files.readAllBytes(file)).digit()) == label ? 1 : 0;
                    textbook += read(() -> recognizer.predict(textbook(ImageIO.read(file.toFile()))).digit()) == label ? 1 : 0;
                }
                String clean = "";
                if (set.getFileName().toString().equals("mnist-uploads")) {
                    clean = String.format(Locale.ROOT, " %.2f", 100.0 * clean(recognizer, mnist, part, files.size()) / files.size());
                }
                System.out.printf(Locale.ROOT, "%s %d %.2f %.2f%s%n", set.getFileName(), files.size(),
                        100.0 * digits / files.size(), 100.0 * textbook / files.size(), clean);
            }
        }
    }

    interface Reading {
        int digit() throws Exception;
    }

    /** The digit read, or -1 where the image was refused (a wrong answer for the figures). */
    static int read(Reading reading) throws Exception {
        try {
            return reading.digit();
        } catch (InvalidImageException e) {
            return -1;
        }
    }

    static int clean(DigitRecognizer recognizer, Path mnist, String part, int count) throws Exception {
        String prefix = part.equals("dev") ? "train" : "test";
        byte[] images = Files.readAllBytes(mnist.resolve(prefix + "_data"));
        byte[] labels = Files.readAllBytes(mnist.resolve(prefix + "_labels"));
        int right = 0;
        for (int n = 0; n < count; n++) {
            float[] pixels = new float[784];
            for (int p = 0; p < 784; p++) {
                pixels[p] = (images[16 + n * 784 + p] & 0xFF) / 255f;
            }
            right += recognizer.predict(pixels).digit() == labels[8 + n] ? 1 : 0;
        }
        return right;
    }

    /** The textbook pipeline, for dark ink on light paper. */
    static float[] textbook(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] ink = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                float luminance = (0.299f * ((rgb >> 16) & 0xFF) + 0.587f * ((rgb >> 8) & 0xFF) + 0.114f * (rgb & 0xFF)) / 255f;
                ink[y * width + x] = 1 - luminance;
            }
        }
        float[] sorted = ink.clone();
        Arrays.sort(sorted);
        float background = sorted[sorted.length / 2];
        float max = sorted[sorted.length - 1];
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0, (ink[i] - background) / Math.max(1e-6f, max - background));
            if (ink[i] > 0.2f) {
                left = Math.min(left, i % width);
                right = Math.max(right, i % width);
                top = Math.min(top, i / width);
                bottom = Math.max(bottom, i / width);
            }
        }
        if (right < 0) {
            throw new InvalidImageException(InvalidImageException.Reason.BLANK, "blank");
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = 20.0 / Math.max(boxWidth, boxHeight);
        int w = Math.max(1, (int) Math.round(boxWidth * scale));
        int h = Math.max(1, (int) Math.round(boxHeight * scale));
        float[] crop = new float[boxWidth * boxHeight];
        for (int y = 0; y < boxHeight; y++) {
            System.arraycopy(ink, (top + y) * width + left, crop, y * boxWidth, boxWidth);
        }
        float[] rows = new float[w * boxHeight];
        for (int y = 0; y < boxHeight; y++) {
            lanczos(crop, y * boxWidth, 1, boxWidth, rows, y * w, 1, w);
        }
        float[] box = new float[w * h];
        for (int x = 0; x < w; x++) {
            lanczos(rows, x, w, boxHeight, box, x, w, h);
        }
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < box.length; i++) {
            box[i] = Math.max(0, Math.min(1, box[i]));
            mass += box[i];
            sumX += box[i] * (i % w);
            sumY += box[i] * (i / w);
        }
        int dx = (int) Math.round(14 - sumX / mass);
        int dy = (int) Math.round(14 - sumY / mass);
        float[] pixels = new float[784];
        for (int i = 0; i < box.length; i++) {
            int x = i % w + dx;
            int y = i / w + dy;
            if (x >= 0 && x < 28 && y >= 0 && y < 28) {
                pixels[y * 28 + x] = box[i];
            }
        }
        return pixels;
    }

    /** Lanczos-3 resampling of one line, its kernel widened by the shrink factor when shrinking. */
    static void lanczos(float[] in, int inStart, int inStep, int inLength, float[] out, int outStart, int outStep,
            int outLength) {
        double scale = (double) inLength / outLength;
        double support = 3 * Math.max(1, scale);
        for (int o = 0; o < outLength; o++) {
            double centre = (o + 0.5) * scale - 0.5;
            double sum = 0;
            double weights = 0;
            for (int i = (int) Math.floor(centre - support); i <= (int) Math.ceil(centre + support); i++) {
                double t = (i - centre) / Math.max(1, scale);
                double weight = Math.abs(t) < 1e-9 ? 1 : Math.abs(t) >= 3 ? 0
                        : 3 * Math.sin(Math.PI * t) * Math.sin(Math.PI * t / 3) / (Math.PI * Math.PI * t * t);
                int clamped = Math.max(0, Math.min(inLength - 1, i));
                sum += weight * in[inStart + clamped * inStep];
                weights += weight;
            }
            out[outStart + o * outStep] = (float) (sum / weights);
        }
    }
}
