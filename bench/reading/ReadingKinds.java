import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the reading benchmark's kinds of image, each in a dev half (to choose on) and a test half
 * (to report on), as OUT/KIND/{dev,test}/LABEL/NNNNN.png|jpg, and OUT/kinds.tsv describing them.
 * Everything is drawn from DigitSources with fixed seeds: the same files on every machine. The
 * kind drawn on the project's page in Chromium is written by PageDrawings.
 *
 * <p>Usage: java -cp ... ReadingKinds SOURCES_DIR MNIST_DIR OUT_DIR [KIND,...]: only those kinds, each with
 * its own seed as in the whole set.
 */
public final class ReadingKinds {

    static final String[] HALVES = {"dev", "test"};
    /** Images per half for the kinds made from MNIST. */
    static final int PER_HALF = 500;

    /** An image to write; {@code orientation}, where not 0, makes it a phone's JPEG with that EXIF tag. */
    private record Image(int label, BufferedImage image, String format, float quality, int orientation) {
        Image(int label, BufferedImage image, String format, float quality) {
            this(label, image, format, quality, 0);
        }
    }

    private interface Kind {
        List<Image> make(int half, Random random) throws Exception;
    }

    private final DigitSources sources;
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    private ReadingKinds(DigitSources sources) {
        this.sources = sources;
        kind("tight-crops", "MNIST digits cropped to their ink (it touches every edge), enlarged smoothly to"
                + " 64 pixels, dark on light", (half, random) -> mnist(half, d -> png(Uploads.onPaper(
                        Uploads.enlarge(Uploads.cropToInk(d), 64, true), 1.0))));
        kind("tight-blurred", "the same, out of focus: a Gaussian blur of 2 pixels", (half, random) -> mnist(half,
                d -> png(Uploads.blur(Uploads.onPaper(Uploads.enlarge(Uploads.cropToInk(d), 64, true), 1.0), 2.0))));
        kind("low-res-smooth", "the UCI digits of 43 other writers (8x8, 17 levels), cropped to their ink and"
                + " enlarged smoothly to 64 pixels: soft scans", (half, random) -> uci(half,
                        d -> png(Uploads.onPaper(Uploads.enlarge(Uploads.cropToInk(d), 64, true), 1.0))));
        kind("low-res-blocky", "the UCI digits with their margin, enlarged 8 times with blocky edges",
                (half, random) -> uci(half, d -> png(Uploads.onPaper(Uploads.enlarge(d, 80, false), 1.0))));
        kind("thin-pen", "MNIST digits' strokes redrawn with a pen 1.5 to 3 pixels wide on a 100-pixel digit",
                (half, random) -> strokes(half, s -> png(Uploads.onPaper(Uploads.pen(s, 1.5f + 1.5f * random.nextFloat(),
                        random), 0.9))));
        kind("thick-marker", "the strokes redrawn with a marker 12 to 18 pixels wide", (half, random) -> strokes(half,
                s -> png(Uploads.onPaper(Uploads.pen(s, 12f + 6f * random.nextFloat(), random), 1.0))));
        kind("pencil", "the strokes in pencil, 2 to 4 pixels: grey graphite, grainy, on textured paper, JPEG",
                (half, random) -> strokes(half, s -> jpeg(Uploads.pencil(Uploads.pen(s, 2f + 2f * random.nextFloat(),
                        random), random), 0.85f)));
        kind("ballpoint-photo", "the strokes in blue ballpoint, 2 to 3.5 pixels, on a photo of paper: light falling"
                + " off by up to 30%, grain, JPEG at quality 0.4 to 0.7", (half, random) -> strokes(half,
                        s -> jpeg(Uploads.photo(Uploads.pen(s, 2f + 1.5f * random.nextFloat(), random),
                                new double[] {0.12, 0.16, 0.45}, 0.3 * random.nextDouble(), 0, 0.03, random),
                                0.4f + 0.3f * random.nextFloat())));
        kind("uneven-light", "UCI and font digits on a photo of paper: light falling off by 20 to 55%, a shadow"
                + " over part of most, grain, JPEG", this::unevenLight);
        kind("white-on-black", "MNIST digits' strokes in chalk, 6 to 12 pixels, on a dark board with dust",
                (half, random) -> strokes(half, s -> png(Uploads.chalk(Uploads.pen(s, 6f + 6f * random.nextFloat(),
                        random), random))));
        kind("turned-slanted", "MNIST digits turned up to 30 degrees and slanted up to 0.4, a third to half of a"
                + " larger canvas, off centre, dark on light", (half, random) -> mnist(half, d -> png(Uploads.onPaper(
                        Uploads.place(d, 120, 40 + 20 * random.nextDouble(), -30 + 60 * random.nextDouble(),
                                -0.4 + 0.8 * random.nextDouble(), -25 + 50 * random.nextDouble(),
                                -25 + 50 * random.nextDouble()), 1.0))));
        kind("specks-broken", "MNIST digits enlarged 4 times with dark specks around them and 1 to 3 gaps in"
                + " their strokes, dark on light", (half, random) -> mnist(half, d -> png(Uploads.onPaper(
                        Uploads.specksAndGaps(Uploads.place(d, 140, 90, 0, 0, 0, 0), 3 + random.nextInt(8),
                                1 + random.nextInt(3), random), 1.0))));
        kind("fonts", "handwriting fonts, turned and slanted a little, dark on light", (half, random) -> {
            List<Image> images = new ArrayList<>();
            for (DigitSources.Digit digit : sources.fonts(half, random)) {
                images.add(new Image(digit.label(), Uploads.onPaper(digit.ink(), 1.0), "png", 0));
            }
            return images;
        });
        kind("mnist-uploads", "MNIST digits made to look like uploads: dark on light, 1.5 to 4.5 times larger,"
                + " off centre, JPEG", (half, random) -> mnist(half, d -> jpeg(Uploads.onPaper(Uploads.place(d,
                        (int) (28 * 4.5 * 1.4), 28 * (1.5 + 3 * random.nextDouble()), 0, 0,
                        -20 + 40 * random.nextDouble(), -20 + 40 * random.nextDouble()), 1.0),
                        0.7f + 0.2f * random.nextFloat())));
        // Added in version 2 of the sets, last, so that every kind above keeps its seed and its images.
        kind("small-on-page", "MNIST digits 20 to 40 pixels tall anywhere on a clean white page of 400x400,"
                + " dark on light: a digit drawn in a paint program on a large canvas", (half, random) -> mnist(half,
                        d -> png(Uploads.onPaper(Uploads.place(d, 400, 28 + 28 * random.nextDouble(), 0, 0,
                                -150 + 300 * random.nextDouble(), -150 + 300 * random.nextDouble()), 1.0))));
        // Added in version 3.
        kind("ruled-paper", "the strokes in ballpoint, 2 to 4 pixels, on ruled, squared or margined notebook paper:"
                + " lines 1 to 2 pixels wide, 28 to 60 apart, tilted up to 2 degrees, grain; JPEG or PNG",
                (half, random) -> strokes(half, s -> {
                    BufferedImage page = Uploads.ruled(Uploads.pen(s, 2f + 2f * random.nextFloat(), random), random);
                    return random.nextBoolean() ? png(page) : jpeg(page, 0.6f + 0.3f * random.nextFloat());
                }));
        // Added in version 4.
        kind("phone-photos", "the strokes in ballpoint, 2 to 4 pixels, on a phone's photo of paper (3:4, light falling"
                + " off by up to 30%, grain, JPEG at quality 0.7 to 0.9) saved as phones save photos: the sensor's"
                + " pixels and an EXIF tag that turns them upright, a quarter turn either way, a half turn or none,"
                + " equally often", (half, random) -> strokes(half, s -> {
                    int orientation = new int[] {1, 3, 6, 8}[random.nextInt(4)];
                    // Portraits are the photos phones store on their side.
                    boolean portrait = orientation == 6 || orientation == 8;
                    BufferedImage page = Uploads.onCanvas(Uploads.pen(s, 2f + 2f * random.nextFloat(), random),
                            portrait ? 150 : 200, portrait ? 200 : 150, random);
                    BufferedImage photo = Uploads.photo(page, new double[] {0.12, 0.16, 0.45}, 0.3 * random.nextDouble(),
                            0, 0.03, random);
                    return new Image(-1, photo, "jpg", 0.7f + 0.2f * random.nextFloat(), orientation);
                }));
        kind("transparent-canvas", "the strokes, 6 to 14 pixels, drawn on a transparent canvas and saved as PNG with"
                + " alpha, as drawing apps and web pages' canvases save them: white, black or a bright colour, equally"
                + " often", (half, random) -> strokes(half, s -> {
                    int choice = random.nextInt(3);
                    Color colour = choice == 0 ? Color.WHITE : choice == 1 ? Color.BLACK
                            : Color.getHSBColor(random.nextFloat(), 1f, 1f);
                    return png(Uploads.onTransparentCanvas(s, 6f + 8f * random.nextFloat(), colour, random));
                }));
        kind("note-on-desk", "the strokes in ballpoint, 2 to 4 pixels, on a note photographed lying on a desk: a white"
                + " sheet or a yellow sticky note, a quarter to 70% of the photo, turned up to 15 degrees, on wood, a grey"
                + " table or dark cloth of any darkness, with its shadow, light falling off by up to 25%, grain; JPEG",
                (half, random) -> strokes(half, s -> jpeg(Uploads.noteOnDesk(Uploads.pen(s, 2f + 2f * random.nextFloat(),
                        random), random), 0.7f + 0.2f * random.nextFloat())));
    }

    private void kind(String name, String description, Kind kind) {
        descriptions.put(name, description);
        kinds.put(name, kind);
    }

    private interface Look {
        Image look(BufferedImage ink);
    }

    private interface StrokeLook {
        Image look(Strokes strokes);
    }

    private static Image png(BufferedImage image) {
        return new Image(-1, image, "png", 0);
    }

    private static Image jpeg(BufferedImage image, float quality) {
        return new Image(-1, image, "jpg", quality);
    }

    private List<Image> mnist(int half, Look look) throws IOException {
        List<Image> images = new ArrayList<>();
        for (DigitSources.Digit digit : sources.mnist(half, PER_HALF)) {
            Image image = look.look(digit.ink());
            images.add(new Image(digit.label(), image.image(), image.format(), image.quality(), image.orientation()));
        }
        return images;
    }

    private List<Image> uci(int half, Look look) throws IOException {
        List<Image> images = new ArrayList<>();
        for (DigitSources.Digit digit : sources.uci(half).subList(0, PER_HALF)) {
            Image image = look.look(digit.ink());
            images.add(new Image(digit.label(), image.image(), image.format(), image.quality()));
        }
        return images;
    }

    /** MNIST digits as strokes; a digit whose skeleton gives no line is left out. */
    private List<Image> strokes(int half, StrokeLook look) throws IOException {
        List<Image> images = new ArrayList<>();
        for (DigitSources.Digit digit : sources.mnist(half, PER_HALF)) {
            Strokes strokes = Strokes.of(digit.ink());
            if (!strokes.lines.isEmpty()) {
                Image image = look.look(strokes);
                images.add(new Image(digit.label(), image.image(), image.format(), image.quality(),
                        image.orientation()));
            }
        }
        return images;
    }

    private List<Image> unevenLight(int half, Random random) throws Exception {
        List<DigitSources.Digit> both = new ArrayList<>(sources.uci(half));
        both.addAll(sources.fonts(half, new Random(7 + half)));
        List<Image> images = new ArrayList<>();
        for (int n = 0; n < PER_HALF; n++) {
            DigitSources.Digit digit = both.get(random.nextInt(both.size()));
            BufferedImage placed = Uploads.place(digit.ink(), 160, 70 + 50 * random.nextDouble(),
                    -6 + 12 * random.nextDouble(), 0, random.nextInt(31) - 15, random.nextInt(31) - 15);
            double level = 0.6 + 0.3 * random.nextDouble();
            BufferedImage photo = Uploads.photo(placed, new double[] {0.92 * (1 - level), 0.92 * (1 - level),
                0.92 * (1 - level)}, 0.2 + 0.35 * random.nextDouble(),
                    random.nextDouble() < 0.6 ? 0.25 + 0.3 * random.nextDouble() : 0, 0.03, random);
            Uploads.dirt(photo, random.nextInt(8), random);
            images.add(new Image(digit.label(), photo, "jpg", 0.5f + 0.35f * random.nextFloat()));
        }
        return images;
    }

    public static void main(String[] args) throws Exception {
        DigitSources sources = new DigitSources(Path.of(args[0]), Path.of(args[1]));
        Path out = Path.of(args[2]);
        List<String> only = args.length > 3 ? List.of(args[3].split(",")) : List.of();
        ReadingKinds sets = new ReadingKinds(sources);
        StringBuilder table = new StringBuilder();
        int seed = 0;
        for (Map.Entry<String, Kind> kind : sets.kinds.entrySet()) {
            seed++;
            if (!only.isEmpty() && !only.contains(kind.getKey())) {
                continue;
            }
            for (int half = 0; half < 2; half++) {
                List<Image> images = kind.getValue().make(half, new Random(1000L * seed + half));
                for (int n = 0; n < images.size(); n++) {
                    Image image = images.get(n);
                    write(out.resolve(Path.of(kind.getKey(), HALVES[half], String.valueOf(image.label()),
                            String.format(Locale.ROOT, "%05d.%s", n, image.format()))), image);
                }
                System.out.printf(Locale.ROOT, "%-16s %-4s %5d images%n", kind.getKey(), HALVES[half], images.size());
            }
            table.append(kind.getKey()).append('\t').append(sets.descriptions.get(kind.getKey())).append('\n');
        }
        Files.writeString(out.resolve("kinds.tsv"), table.toString());
    }

    static void write(Path file, Image image) throws IOException {
        Files.createDirectories(file.getParent());
        if (image.orientation() != 0) {
            Files.write(file, PhoneJpeg.encode(image.image(), image.orientation(), image.quality()));
            return;
        }
        if (image.format().equals("png")) {
            ImageIO.write(image.image(), "png", file.toFile());
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(image.quality());
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image.image(), null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
