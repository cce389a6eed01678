package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.image.InvalidImageException;
import dev.digits.model.inference.NumberReading;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole numbers composed from MNIST test digits, dark on light as on paper: read back as the
 * recognizer reads each digit alone, whatever the gaps, jitter and sizes; touching pairs and
 * specks measured.
 */
class NumberReadingTest {

    private static DigitRecognizer recognizer;
    private static List<float[]> digits;
    private static int[] alone;
    private static float[] sure;

    @BeforeAll
    static void load() throws Exception {
        recognizer = TestModels.recognizer();
        digits = TestModels.testDigits(400);
        alone = new int[digits.size()];
        sure = new float[digits.size()];
        for (int i = 0; i < digits.size(); i++) {
            alone[i] = recognizer.predict(digits.get(i)).digit();
            sure[i] = recognizer.predict(digits.get(i)).confidence();
        }
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    /** A number on white paper: the digits' ink in black, scaled, spaced and jittered. */
    private static BufferedImage compose(int[] picks, Random random, int gapFrom, int gapTo, boolean scale) {
        int height = 80;
        int width = 20 + picks.length * 60;
        float[] paper = new float[width * height];
        int x = 10;
        for (int pick : picks) {
            double factor = scale ? 0.8 + 0.5 * random.nextDouble() : 1.0;
            int side = (int) Math.round(28 * factor);
            int top = 26 - side / 2 + 14 + random.nextInt(9) - 4;
            int[] columns = inkColumns(digits.get(pick));
            int left = x - (int) Math.round(columns[0] * factor);
            for (int y = 0; y < side; y++) {
                for (int c = 0; c < side; c++) {
                    float v = digits.get(pick)[Math.min(27, (int) (y / factor)) * 28 + Math.min(27, (int) (c / factor))];
                    int px = left + c;
                    int py = top + y;
                    if (px >= 0 && px < width && py >= 0 && py < height) {
                        paper[py * width + px] = Math.max(paper[py * width + px], v);
                    }
                }
            }
            x = left + (int) Math.round((columns[1] + 1) * factor) + gapFrom + random.nextInt(gapTo - gapFrom + 1);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < paper.length; i++) {
            image.getRaster().setSample(i % width, i / width, 0, Math.round(255 * (1 - paper[i])));
        }
        return image;
    }

    /** The first and last columns of a digit that hold ink. */
    private static int[] inkColumns(float[] pixels) {
        int first = 27;
        int last = 0;
        for (int p = 0; p < 784; p++) {
            if (pixels[p] > 0.2f) {
                first = Math.min(first, p % 28);
                last = Math.max(last, p % 28);
            }
        }
        return new int[] {first, last};
    }

    private static String expected(int[] picks) {
        StringBuilder text = new StringBuilder();
        for (int pick : picks) {
            text.append(alone[pick]);
        }
        return text.toString();
    }

    /**
     * The test digits of one number, drawn by index alone: every machine composes the same
     * numbers, whatever its model reads. (Drawing until the model was sure of each digit made
     * another machine's slightly different model draw other numbers altogether.)
     */
    private static int[] picks(Random random, int length) {
        int[] picks = new int[length];
        for (int i = 0; i < length; i++) {
            picks[i] = random.nextInt(digits.size());
        }
        return picks;
    }

    /**
     * Whether the quick model reads the digit surely alone. A digit it doubts may flip when cut
     * out of a number and resampled: the tests of the segmentation count only sure digits.
     */
    private static boolean sure(int pick) {
        return sure[pick] >= 0.95f;
    }

    @Test
    void numbersWithGapsReadAsTheirDigitsReadAlone() {
        Random random = new Random(7);
        int total = 200;
        int lengthRight = 0;
        int sureDigits = 0;
        int sureDigitsSame = 0;
        List<String> misses = new ArrayList<>();
        for (int n = 0; n < total; n++) {
            int[] picks = picks(random, 2 + random.nextInt(7));
            NumberReading reading = recognizer.readNumber(compose(picks, random, 3, 14, true));
            assertThat(reading.digits()).hasSize(reading.number().length());
            if (reading.number().length() != picks.length) {
                misses.add(expected(picks) + " read " + reading.number());
                continue;
            }
            lengthRight++;
            for (int i = 0; i < picks.length; i++) {
                if (sure(picks[i])) {
                    sureDigits++;
                    sureDigitsSame += reading.number().charAt(i) - '0' == alone[picks[i]] ? 1 : 0;
                }
            }
        }
        System.out.printf("numbers with gaps: %d of %d the right length; %d of %d sure digits read as alone%n",
                lengthRight, total, sureDigitsSame, sureDigits);
        // Where the marks are apart the count of digits is geometry, and the network where a digit is
        // as wide as the digits are tall: 198 of 200 with two native threads and with one (this quick
        // model is less sure of a wide digit whole than of its halves; 200 before wide marks were
        // offered every cut, and with trained models no number with gaps of 1,000 held out reads
        // worse than never cutting, docs/reading.md).
        assertThat(lengthRight).as("%s", misses).isGreaterThanOrEqualTo(total * 97 / 100);
        // Cut out and resampled at another size, a digit the model was sure of reads the same:
        // 620 of 622 and 601 of 603 with the models trained on two threads and on one.
        assertThat(sureDigitsSame).isGreaterThanOrEqualTo(sureDigits * 95 / 100);
    }

    @Test
    void boxesAreLeftToRightAndConfidenceIsTheProductOfTheDigits() {
        NumberReading reading = recognizer.readNumber(compose(new int[] {0, 1, 2, 3}, new Random(1), 6, 6, false));
        assertThat(reading.digits()).hasSize(4);
        double product = 1;
        int lastRight = -1;
        for (NumberReading.DigitInNumber digit : reading.digits()) {
            int[] box = digit.box();
            assertThat(box[0]).isGreaterThan(lastRight);
            lastRight = box[0] + box[2] - 1;
            assertThat(box[2]).isBetween(2, 28);
            assertThat(box[3]).isBetween(8, 28);
            product *= digit.confidence();
        }
        assertThat((double) reading.confidence()).isCloseTo(product, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void touchingPairsAreCutApart() {
        Random random = new Random(11);
        int lengthRight = 0;
        int total = 200;
        for (int n = 0; n < total; n++) {
            int[] picks = picks(random, 2);
            NumberReading reading = recognizer.readNumber(compose(picks, random, -2, 0, false));
            lengthRight += reading.number().length() == 2 ? 1 : 0;
        }
        System.out.printf("touching pairs read as two digits: %d of %d%n", lengthRight, total);
        // 130 and 128 of 200 (models trained on two native threads and on one); 107 and 110 when a
        // mark was cut only near its middle, and only where the model doubted it whole. A pair
        // with a 1 is no wider than one 0 and stays one. Never cut, 59 of 200 are apart anyway.
        assertThat(lengthRight).isGreaterThanOrEqualTo(total * 60 / 100);
    }

    @Test
    void specksDoNotChangeTheAnswer() {
        Random random = new Random(3);
        int same = 0;
        int total = 100;
        for (int n = 0; n < total; n++) {
            int[] picks = picks(random, 4);
            long seed = random.nextLong();
            BufferedImage clean = compose(picks, new Random(seed), 4, 12, false);
            BufferedImage specked = compose(picks, new Random(seed), 4, 12, false);
            for (int s = 0; s < 6; s++) {
                int x = random.nextInt(specked.getWidth() - 1);
                int y = random.nextInt(specked.getHeight() - 1);
                specked.getRaster().setSample(x, y, 0, 0);
                specked.getRaster().setSample(x + 1, y, 0, 0);
            }
            same += recognizer.readNumber(clean).number().equals(recognizer.readNumber(specked).number()) ? 1 : 0;
        }
        System.out.printf("specks: %d of %d numbers read as without them%n", same, total);
        // 99 of 100 with two native threads and with one.
        assertThat(same).isGreaterThanOrEqualTo(total * 92 / 100);
    }

    /**
     * The number as photographed: light falling off by 40% across the page, a soft shadow dimming a
     * third of it by half, grain.
     */
    private static BufferedImage underUnevenLight(BufferedImage page, Random random) {
        int width = page.getWidth();
        int height = page.getHeight();
        double shadowFrom = width * (0.2 + 0.6 * random.nextDouble());
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double light = (1 - 0.4 * x / width) * (1 - 0.5 / (1 + Math.exp(-(x - shadowFrom - 0.3 * y) / 3)));
                double level = page.getRaster().getSample(x, y, 0) / 255.0 * light + 0.015 * random.nextGaussian();
                int v = (int) Math.max(0, Math.min(255, Math.round(255 * level)));
                photo.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return photo;
    }

    /**
     * The number as photographed under a lamp: light in a band across the middle, both ends in a
     * shadow that dims them by half, grain. The lit band is a light rectangle reaching two edges,
     * holding marks, lighter than the shadows: it looks like a note lying on a desk.
     */
    private static BufferedImage underALitBand(BufferedImage page, Random random) {
        int width = page.getWidth();
        int height = page.getHeight();
        double from = width * (0.15 + 0.2 * random.nextDouble());
        double to = width * (0.65 + 0.2 * random.nextDouble());
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double light = (1 - 0.5 / (1 + Math.exp(-(from - x + 0.3 * y) / 3)))
                        * (1 - 0.5 / (1 + Math.exp(-(x - to - 0.3 * y) / 3)));
                double level = page.getRaster().getSample(x, y, 0) / 255.0 * light + 0.015 * random.nextGaussian();
                int v = (int) Math.max(0, Math.min(255, Math.round(255 * level)));
                photo.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return photo;
    }

    /** What a page is made to look like: the page, its index, the random numbers the pages are drawn with. */
    private interface Look {
        BufferedImage apply(BufferedImage page, int index, Random random);
    }

    /** The numbers of 100 pages of 4 digits that read otherwise once they look so, each as "clean read looked". */
    private static List<String> readOtherwise(long seed, Look look) {
        Random random = new Random(seed);
        List<String> misses = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            BufferedImage page = compose(picks(random, 4), random, 4, 12, false);
            String clean = recognizer.readNumber(page).number();
            String looked = recognizer.readNumber(look.apply(page, n, random)).number();
            if (!clean.equals(looked)) {
                misses.add(clean + " read " + looked);
            }
        }
        return misses;
    }

    @Test
    void unevenLightAndAShadowDoNotChangeTheAnswer() {
        List<String> misses = readOtherwise(13, (page, n, random) -> underUnevenLight(page, random));
        System.out.printf("uneven light: %d of 100 numbers read as on clean paper%n", 100 - misses.size());
        // 98 and 97 of 100 with two native threads and with one.
        assertThat(misses).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void aBandOfLightBetweenTwoShadowsDoesNotChangeTheAnswer() {
        List<String> misses = readOtherwise(19, (page, n, random) -> underALitBand(page, random));
        System.out.printf("a lit band between shadows: %d of 100 numbers read as on clean paper%n",
                100 - misses.size());
        // 98 of 100 here; 74 while the lit band was taken for a note on a desk, its shadows covered.
        assertThat(misses).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void ruledAndSquaredPaperDoNotChangeTheAnswer() {
        List<String> misses = readOtherwise(17, (page, n, random) -> RuledPaperTest.onNotebookPage(page, n % 2 == 1,
                random));
        System.out.printf("ruled and squared paper: %d of 100 numbers read as on clean paper%n", 100 - misses.size());
        // 97 of 100 here; with the preprocessing before, 3 (the lines were read as ink).
        assertThat(misses).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void blankImagesAndPagesOfMarksAreRefused() {
        BufferedImage blank = new BufferedImage(200, 80, BufferedImage.TYPE_BYTE_GRAY);
        assertThatThrownBy(() -> recognizer.readNumber(blank)).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("blank");
        BufferedImage dots = new BufferedImage(400, 400, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 400; y += 10) {
            for (int x = 0; x < 400; x += 10) {
                dots.getRaster().setSample(x, y, 0, 255);
            }
        }
        assertThatThrownBy(() -> recognizer.readNumber(dots)).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("more than 100 separate marks");
    }
}
