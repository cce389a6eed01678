import java.awt.BasicStroke;
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
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the realistic digit sets that bench/preprocessing.sh reads, none of them from MNIST's
 * writers except the last, each in a dev half (to choose preprocessing on) and a held-out half
 * (to report on), as OUT/SET/PART/LABEL/NAME.png|jpg:
 * <ul>
 *   <li>{@code low-res}: the UCI optical digits (43 other writers, as scikit-learn ships them): 8x8
 *       images of 17 grey levels, enlarged 8 times with blocky edges, dark on light;
 *   <li>{@code fonts}: the digits of handwriting fonts, thin, regular and thick strokes, slightly
 *       turned and slanted; fonts alternate between the halves;
 *   <li>{@code paper}: digits of both sources as on a photo of paper: uneven light, a shadow, a warm
 *       tint, grain, specks of dirt, slight skew, JPEG;
 *   <li>{@code mnist-uploads}: MNIST digits inverted, off-centre, scaled and saved as JPEG; the dev
 *       half from the training images, the held-out half from the test images.
 * </ul>
 *
 * <p>Usage: java bench/ReadingSets.java SOURCES_DIR MNIST_DIR OUT_DIR, where SOURCES_DIR holds the
 * Debian packages python3-sklearn and the handwriting fonts unpacked (bench/preprocessing.sh does it).
 */
public class ReadingSets {
    static final String[] PARTS = {"dev", "held-out"};

    record Digit(int label, BufferedImage ink) {}

    public static void main(String[] args) throws Exception {
        Path sources = Path.of(args[0]);
        Path mnist = Path.of(args[1]);
        Path out = Path.of(args[2]);
        List<List<Digit>> lowRes = lowRes(sources);
        List<List<Digit>> fonts = fonts(sources);
        for (int part = 0; part < 2; part++) {
            Random random = new Random(100 + part);
            int n = 0;
            for (Digit digit : lowRes.get(part)) {
                write(out, "low-res", part, digit.label(), n++, onPaper(digit.ink(), 1.0), "png", 0);
            }
            n = 0;
            for (Digit digit : fonts.get(part)) {
                write(out, "fonts", part, digit.label(), n++, onPaper(digit.ink(), 1.0), "png", 0);
            }
            List<Digit> both = new ArrayList<>(lowRes.get(part));
            both.addAll(fonts.get(part));
            for (n = 0; n < 1000; n++) {
                Digit digit = both.get(random.nextInt(both.size()));
                write(out, "paper", part, digit.label(), n, photo(digit.ink(), random), "jpg",
                        0.5f + 0.35f * random.nextFloat());
            }
            byte[] images = Files.readAllBytes(mnist.resolve(part == 0 ? "train_data" : "test_data"));
            byte[] labels = Files.readAllBytes(mnist.resolve(part == 0 ? "train_labels" : "test_labels"));
            for (n = 0; n < 2000; n++) {
                write(out, "mnist-uploads", part, labels[8 + n], n, upload(images, n, random), "jpg",
                        0.7f + 0.2f * random.nextFloat());
            }
        }
    }

    /** Ink images: grey 0 (no ink) to 255 (ink), in TYPE_BYTE_GRAY. */
    static List<List<Digit>> lowRes(Path sources) throws IOException {
        Path csv = sources.resolve("usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz");
        List<List<Digit>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(csv))))) {
            String line;
            int row = 0;
            while ((line = reader.readLine()) != null) {
                String[] values = line.split(",");
                int scale = 8;
                BufferedImage ink = new BufferedImage(10 * scale, 10 * scale, BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 64; p++) {
                    int level = Math.round(Integer.parseInt(values[p].trim()) * 255 / 16f);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            ink.getRaster().setSample((1 + p % 8) * scale + dx, (1 + p / 8) * scale + dy, 0, level);
                        }
                    }
                }
                halves.get(row++ < 900 ? 0 : 1).add(new Digit(Integer.parseInt(values[64].trim()), ink));
            }
        }
        return halves;
    }

    static List<List<Digit>> fonts(Path sources) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources.resolve("usr/share/fonts"))) {
            files = walk.filter(f -> f.toString().matches("(?i).*\\.(ttf|otf)")).sorted().toList();
        }
        List<List<Digit>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        Random random = new Random(42);
        for (int f = 0; f < files.size(); f++) {
            Font font = Font.createFont(Font.TRUETYPE_FONT, files.get(f).toFile());
            if (font.canDisplayUpTo("0123456789") != -1) {
                continue;
            }
            for (int label = 0; label < 10; label++) {
                for (int weight = -1; weight <= 1; weight++) {
                    for (int copy = 0; copy < 3; copy++) {
                        halves.get(f % 2).add(new Digit(label, glyph(font, label, weight, random)));
                    }
                }
            }
        }
        return halves;
    }

    /** A digit of the font about 60 pixels tall; weight -1 thins the strokes, 1 thickens them. */
    static BufferedImage glyph(Font font, int label, int weight, Random random) {
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
        Shape shape = place.createTransformedShape(outline);
        g.setColor(Color.WHITE);
        g.fill(shape);
        if (weight != 0) {
            g.setColor(weight > 0 ? Color.WHITE : Color.BLACK);
            g.setStroke(new BasicStroke((float) (height * (weight > 0 ? 0.08 : 0.03)), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            g.draw(shape);
        }
        g.dispose();
        return ink;
    }

    /** Dark ink on white paper; {@code inkLevel} 1 is black ink. */
    static BufferedImage onPaper(BufferedImage ink, double inkLevel) {
        BufferedImage paper = new BufferedImage(ink.getWidth(), ink.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ink.getHeight(); y++) {
            for (int x = 0; x < ink.getWidth(); x++) {
                double v = ink.getRaster().getSample(x, y, 0) / 255.0 * inkLevel;
                paper.getRaster().setSample(x, y, 0, (int) Math.round(255 * (1 - v)));
            }
        }
        return paper;
    }

    /**
     * The digit on a photo of paper, in colour: the ink blurred a little, light falling off across
     * the page, a soft shadow over part of it, grain, dark specks, turned a few degrees.
     */
    static BufferedImage photo(BufferedImage ink, Random random) {
        int side = 160;
        BufferedImage placed = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = placed.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double size = 70 + 50 * random.nextDouble();
        AffineTransform place = new AffineTransform();
        place.translate(side / 2.0 + random.nextInt(31) - 15, side / 2.0 + random.nextInt(31) - 15);
        place.rotate(Math.toRadians(-6 + 12 * random.nextDouble()));
        place.scale(size / ink.getWidth(), size / ink.getHeight());
        place.translate(-ink.getWidth() / 2.0, -ink.getHeight() / 2.0);
        g.drawImage(ink, place, null);
        g.dispose();
        double inkLevel = 0.6 + 0.3 * random.nextDouble();
        double angle = random.nextDouble() * 2 * Math.PI;
        double falloff = 0.2 + 0.35 * random.nextDouble();
        double shadowAngle = random.nextDouble() * 2 * Math.PI;
        double shadowAt = -40 + 80 * random.nextDouble();
        double shadowDepth = random.nextDouble() < 0.6 ? 0.25 + 0.3 * random.nextDouble() : 0;
        double[] tint = {1.0, 0.93 + 0.05 * random.nextDouble(), 0.8 + 0.12 * random.nextDouble()};
        BufferedImage photo = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double u = (x - side / 2.0) / side;
                double w = (y - side / 2.0) / side;
                double light = 1 - falloff * (0.5 + u * Math.cos(angle) + w * Math.sin(angle));
                double across = (x - side / 2.0) * Math.cos(shadowAngle) + (y - side / 2.0) * Math.sin(shadowAngle);
                light *= 1 - shadowDepth / (1 + Math.exp(-(across - shadowAt) / 4));
                double v = placed.getRaster().getSample(x, y, 0) / 255.0 * inkLevel;
                double level = light * 0.92 * (1 - v) + 0.03 * random.nextGaussian();
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(255 * level * tint[c])));
                }
                photo.setRGB(x, y, rgb);
            }
        }
        Graphics2D dirt = photo.createGraphics();
        dirt.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int s = random.nextInt(8); s > 0; s--) {
            int shade = 40 + random.nextInt(60);
            dirt.setColor(new Color(shade, shade, shade));
            double r = 0.8 + 1.5 * random.nextDouble();
            dirt.fill(new java.awt.geom.Ellipse2D.Double(random.nextInt(side), random.nextInt(side), 2 * r, 2 * r));
        }
        dirt.dispose();
        return photo;
    }

    /** An MNIST digit as a user would upload it: dark on light, scaled up, away from the centre. */
    static BufferedImage upload(byte[] images, int index, Random random) {
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 784; p++) {
            digit.getRaster().setSample(p % 28, p / 28, 0, images[16 + index * 784 + p] & 0xFF);
        }
        double scale = 1.5 + 3 * random.nextDouble();
        int side = (int) Math.round(28 * scale * (1.2 + 0.6 * random.nextDouble()));
        BufferedImage upload = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = upload.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int room = side - (int) Math.round(28 * scale);
        AffineTransform place = AffineTransform.getTranslateInstance(random.nextInt(room + 1), random.nextInt(room + 1));
        place.scale(scale, scale);
        g.drawImage(digit, place, null);
        g.dispose();
        return onPaper(upload, 1.0);
    }

    static void write(Path out, String set, int part, int label, int n, BufferedImage image, String format,
            float quality) throws IOException {
        Path file = out.resolve(Path.of(set, PARTS[part], String.valueOf(label), String.format("%05d.%s", n, format)));
        Files.createDirectories(file.getParent());
        if (format.equals("png")) {
            ImageIO.write(image, "png", file.toFile());
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
