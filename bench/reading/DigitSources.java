import dev.digits.train.data.ValidationSplit;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The digits the reading sets are made from, each as ink (0 none to 255 full) on a black
 * TYPE_BYTE_GRAY image, in two halves: dev (to choose on) and test (to report on).
 * <ul>
 *   <li>MNIST: dev from the 5,000 training images that the recipes with held-out images hold
 *       out (ValidationSplit), test from the test images;
 *   <li>the UCI optical digits of 43 other writers (8x8, 17 levels), as scikit-learn ships them
 *       (Debian's python3-sklearn): the first 900 dev, the rest test;
 *   <li>handwriting fonts (Debian's fonts-*): fonts alternate between the halves.
 * </ul>
 */
final class DigitSources {

    static final int DEV = 0;
    static final int TEST = 1;

    record Digit(int label, BufferedImage ink) {}

    private final Path sources;
    private final Path mnist;

    DigitSources(Path sources, Path mnist) {
        this.sources = sources;
        this.mnist = mnist;
    }

    /** {@code count} MNIST digits of the half, 28x28, in a fixed order. */
    List<Digit> mnist(int half, int count) throws IOException {
        byte[] images = Files.readAllBytes(mnist.resolve(half == DEV ? "train_data" : "test_data"));
        byte[] labels = Files.readAllBytes(mnist.resolve(half == DEV ? "train_labels" : "test_labels"));
        List<Long> indices = new ArrayList<>();
        if (half == DEV) {
            indices.addAll(new ValidationSplit(60_000, 5_000).validationIndices());
        } else {
            for (long i = 0; i < 10_000; i++) {
                indices.add(i);
            }
        }
        List<Digit> digits = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int index = (int) (long) indices.get(n * (indices.size() / count));
            BufferedImage ink = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                ink.getRaster().setSample(p % 28, p / 28, 0, images[16 + index * 784 + p] & 0xFF);
            }
            digits.add(new Digit(labels[8 + index], ink));
        }
        return digits;
    }

    /** The UCI digits of the half, 8x8 with a pixel of margin (10x10), levels 0 to 255. */
    List<Digit> uci(int half) throws IOException {
        Path csv = sources.resolve("usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz");
        List<Digit> digits = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csv))))) {
            String line;
            int row = 0;
            while ((line = reader.readLine()) != null) {
                if ((row++ < 900) != (half == DEV)) {
                    continue;
                }
                String[] values = line.split(",");
                BufferedImage ink = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 64; p++) {
                    ink.getRaster().setSample(1 + p % 8, 1 + p / 8, 0,
                            Math.round(Integer.parseInt(values[p].trim()) * 255 / 16f));
                }
                digits.add(new Digit(Integer.parseInt(values[64].trim()), ink));
            }
        }
        return digits;
    }

    /** Every digit of the half's handwriting fonts, about 60 pixels tall on 96x96, turned and slanted a little. */
    List<Digit> fonts(int half, Random random) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources.resolve("usr/share/fonts"))) {
            files = walk.filter(f -> f.toString().matches("(?i).*\\.(ttf|otf)")).sorted().toList();
        }
        List<Digit> digits = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            if (f % 2 != half) {
                continue;
            }
            Font font = Font.createFont(Font.TRUETYPE_FONT, files.get(f).toFile());
            if (font.canDisplayUpTo("0123456789") != -1) {
                continue;
            }
            for (int label = 0; label < 10; label++) {
                for (int copy = 0; copy < 3; copy++) {
                    digits.add(new Digit(label, glyph(font, label, random)));
                }
            }
        }
        return digits;
    }

    private static BufferedImage glyph(Font font, int label, Random random) {
        int side = 96;
        BufferedImage ink = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = ink.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        FontRenderContext context = g.getFontRenderContext();
        Shape outline = font.deriveFont(100f).createGlyphVector(context, String.valueOf(label)).getOutline();
        Rectangle2D bounds = outline.getBounds2D();
        double height = 50 + 20 * random.nextDouble();
        double scale = height / bounds.getHeight();
        AffineTransform place = new AffineTransform();
        place.translate(side / 2.0, side / 2.0);
        place.rotate(Math.toRadians(-8 + 16 * random.nextDouble()));
        place.shear(-0.15 + 0.3 * random.nextDouble(), 0);
        place.scale(scale, scale);
        place.translate(-bounds.getCenterX(), -bounds.getCenterY());
        g.setColor(Color.WHITE);
        g.fill(place.createTransformedShape(outline));
        g.dispose();
        return ink;
    }
}
