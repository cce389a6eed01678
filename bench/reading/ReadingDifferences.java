import dev.digits.engine.EngineRuntime;
import dev.digits.model.image.DigitImages;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Where digits' preprocessing and the textbook pipeline disagree on one half of the reading
 * benchmark: for each image read right by one and wrong by the other, a PNG of the image beside the
 * two 28x28 views the model was given (digits' first, enlarged 4 times), named
 * KIND-TRUTH-FILE-digits-D-textbook-T.png, and a count per kind; with {@code --wrong}, every image
 * digits' preprocessing reads wrong instead. The images to look at before a preprocessing rule is
 * chosen; dev halves only.
 *
 * <p>Usage: java -cp ... ReadingDifferences MODEL_DIR SETS_DIR dev OUT_DIR [KIND,KIND...] [--wrong]
 */
public final class ReadingDifferences {

    private static final int ZOOM = 4;

    public static void main(String[] args) throws Exception {
        boolean wrong = java.util.Arrays.asList(args).contains("--wrong");
        args = java.util.Arrays.stream(args).filter(a -> !a.equals("--wrong")).toArray(String[]::new);
        Path sets = Path.of(args[1]);
        String half = args[2];
        Path out = Files.createDirectories(Path.of(args[3]));
        java.util.Set<String> only = args.length > 4 ? java.util.Set.of(args[4].split(",")) : null;
        try (DigitRecognizer recognizer = DigitRecognizer.builder(Path.of(args[0]))
                .optRuntime(EngineRuntime.activateFromEnvironment()).optPoolSize(1).build();
                Stream<Path> names = Files.list(sets)) {
            for (Path kind : names.filter(Files::isDirectory).sorted().toList()) {
                String name = kind.getFileName().toString();
                if (only != null && !only.contains(name)) {
                    continue;
                }
                List<Path> files = ReadingAccuracy.images(kind, half);
                int digitsOnly = 0;
                int textbookOnly = 0;
                for (Path file : files) {
                    int truth = ReadingAccuracy.label(file);
                    byte[] bytes = Files.readAllBytes(file);
                    BufferedImage image = ImageDecoder.decode(bytes, ImageDecoder.DEFAULT_MAX_PIXELS);
                    float[] ours = view(() -> DigitImages.toMnistPixels(image));
                    float[] book = view(() -> Textbook.pixels(ImageIO.read(new ByteArrayInputStream(bytes))));
                    int digits = ours == null ? -1 : recognizer.predict(ours).digit();
                    int textbook = book == null ? -1 : recognizer.predict(book).digit();
                    if (wrong ? digits == truth : (digits == truth) == (textbook == truth)) {
                        continue;
                    }
                    digitsOnly += digits == truth ? 1 : 0;
                    textbookOnly += textbook == truth ? 1 : 0;
                    String stem = file.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
                    ImageIO.write(sheet(image, ours, book), "png", out.resolve(String.format(Locale.ROOT,
                            "%s-%d-%s-digits-%d-textbook-%d.png", name, truth, stem, digits, textbook)).toFile());
                }
                System.out.printf(Locale.ROOT, "%s: digits alone right %d, textbook alone right %d%n", name,
                        digitsOnly, textbookOnly);
            }
        }
    }

    interface View {
        float[] pixels() throws Exception;
    }

    private static float[] view(View view) {
        try {
            return view.pixels();
        } catch (Exception | Error blank) {
            return null;
        }
    }

    private static BufferedImage sheet(BufferedImage image, float[] ours, float[] book) {
        int side = 28 * ZOOM;
        BufferedImage sheet = new BufferedImage(side * 3 + 8, side, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = sheet.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, sheet.getWidth(), side);
        double fit = (double) side / Math.max(image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, (int) (image.getWidth() * fit), (int) (image.getHeight() * fit), null);
        g.dispose();
        paint(sheet, ours, side + 4);
        paint(sheet, book, 2 * side + 8);
        return sheet;
    }

    private static void paint(BufferedImage sheet, float[] pixels, int left) {
        for (int y = 0; y < 28 * ZOOM; y++) {
            for (int x = 0; x < 28 * ZOOM; x++) {
                int level = pixels == null ? 128 : Math.round(255 * pixels[(y / ZOOM) * 28 + x / ZOOM]);
                sheet.setRGB(left + x, y, level * 0x010101);
            }
        }
    }
}
