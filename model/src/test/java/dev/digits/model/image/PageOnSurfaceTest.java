package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import org.junit.jupiter.api.Test;

/**
 * A page lying on a darker surface is read as a page; light shapes that are not pages (a digit's
 * own strokes on a board, the lit half of a page, a page lit between shadows, the inside of a 0)
 * are left as they are. Each test of the rule has a case here that it alone decides.
 */
class PageOnSurfaceTest {

    private static final int SIDE = 200;

    @Test
    void aNoteOnADeskBecomesAPageWithItsDigit() {
        BufferedImage photo = scene(new Color(70, 50, 35));
        Graphics2D g = graphics(photo);
        Shape note = turned(new Rectangle2D.Double(45, 40, 110, 110), 12);
        g.setColor(new Color(240, 238, 230));
        g.fill(note);
        seven(g, Color.BLUE.darker());
        // A camera's softness: the note's edge runs over a few pixels.
        photo = new ConvolveOp(new Kernel(5, 5, box(25)), ConvolveOp.EDGE_NO_OP, null).filter(photo, null);
        float[] grey = GreyLevels.of(photo);
        float ink = grey[100 * SIDE + 111];
        assertThat(PageOnSurface.cover(grey, SIDE, SIDE)).isTrue();
        // The desk, at the corners and just beside the note's edge, is paper now; the ink is still ink.
        assertThat(grey[0]).isGreaterThan(0.9f);
        assertThat(grey[SIDE * SIDE - 1]).isGreaterThan(0.9f);
        assertThat(grey[100 * SIDE + 36]).isGreaterThan(0.9f);
        // The note's soft edge (it crosses this row at x = 43.8) too: left, it would be a faint outline.
        for (int x = 40; x < 48; x++) {
            assertThat(grey[100 * SIDE + x]).as("x = %d", x).isGreaterThan(0.9f);
        }
        assertThat(grey[100 * SIDE + 111]).isEqualTo(ink).isLessThan(0.5f);
        // Read end to end, the note reads as the same digit written on a white page.
        BufferedImage page = scene(new Color(240, 238, 230));
        seven(graphics(page), Color.BLUE.darker());
        assertThat(mostly(DigitImages.toMnistPixels(photo), DigitImages.toMnistPixels(page))).isTrue();
    }

    @Test
    void aChalkZeroOnABoardIsNoPage() {
        // A thick ring: light, enclosing a dark mark, touching no edge; but an ellipse, not a rectangle.
        BufferedImage board = scene(new Color(40, 50, 45));
        Graphics2D g = graphics(board);
        g.setColor(new Color(230, 230, 225));
        g.setStroke(new BasicStroke(30));
        g.draw(new Ellipse2D.Double(45, 35, 110, 130));
        assertUnchanged(board);
    }

    @Test
    void theLitHalfOfAPageUnderAShadowIsNoPage() {
        // The left half lit, the right in shadow: a light rectangle holding a digit, but along three edges.
        BufferedImage photo = scene(new Color(235, 235, 230));
        Graphics2D g = graphics(photo);
        g.setColor(new Color(120, 120, 118));
        g.fillRect(SIDE / 2, 0, SIDE / 2, SIDE);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(6));
        g.drawLine(40, 60, 80, 60);
        g.drawLine(80, 60, 55, 140);
        assertUnchanged(photo);
    }

    @Test
    void aPageLitBetweenTwoShadowsIsNoPage() {
        // Under a lamp: a light band reaching two edges, a rectangle holding a digit, lighter than
        // the shadows; but the shadows are the same paper, written on, and covering them would wipe
        // out the digits there.
        BufferedImage page = scene(new Color(235, 235, 230));
        Graphics2D g = graphics(page);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(6));
        for (int left : new int[] {8, 85, 158}) {
            g.drawLine(left, 60, left + 30, 60);
            g.drawLine(left + 30, 60, left + 12, 140);
        }
        BufferedImage photo = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double light = x < 50 || x >= 150 ? 0.5 : 1;
                int v = (int) Math.round((page.getRGB(x, y) & 0xff) * light);
                photo.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        assertUnchanged(photo);
    }

    @Test
    void theInsideOfATightlyCroppedZeroIsNoPage() {
        // A 0 of a font, rounded and cropped to its ink, a dot at its centre: paper lies beyond the ring.
        BufferedImage crop = scene(new Color(245, 245, 245));
        Graphics2D g = graphics(crop);
        g.setColor(Color.BLACK);
        g.fill(new RoundRectangle2D.Double(0, 0, SIDE, SIDE, 160, 160));
        g.setColor(new Color(245, 245, 245));
        g.fill(new RoundRectangle2D.Double(45, 45, SIDE - 90, SIDE - 90, 20, 20));
        g.setColor(Color.BLACK);
        g.fill(new Ellipse2D.Double(92, 92, 16, 16));
        assertUnchanged(crop);
    }

    @Test
    void aBlankCardADimNoteAndASmallOneAreLeftAlone() {
        BufferedImage card = scene(new Color(60, 60, 60));
        Graphics2D g = graphics(card);
        g.setColor(Color.WHITE);
        g.fill(turned(new Rectangle2D.Double(50, 50, 100, 100), 8));
        assertUnchanged(card);

        // A white note on a light grey table: too little between them to tell a surface from paper.
        BufferedImage dim = scene(new Color(196, 196, 196));
        g = graphics(dim);
        g.setColor(new Color(245, 245, 245));
        g.fill(new Rectangle2D.Double(45, 40, 110, 110));
        g.setColor(Color.BLACK);
        g.fill(new Rectangle2D.Double(98, 80, 3, 30));
        assertUnchanged(dim);

        // A light square a twentieth of the image, with a mark: a sign, not a page photographed.
        BufferedImage small = scene(new Color(50, 50, 50));
        g = graphics(small);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(80, 80, 44, 44));
        g.setColor(Color.BLACK);
        g.fill(new Rectangle2D.Double(98, 90, 6, 20));
        assertUnchanged(small);
    }

    private static void assertUnchanged(BufferedImage image) {
        float[] grey = GreyLevels.of(image);
        float[] before = grey.clone();
        assertThat(PageOnSurface.cover(grey, image.getWidth(), image.getHeight())).isFalse();
        assertThat(grey).containsExactly(before);
    }

    /** Whether two 28x28 views agree: most ink pixels of each lie where the other has ink. */
    private static boolean mostly(float[] a, float[] b) {
        double both = 0;
        double either = 0;
        for (int i = 0; i < a.length; i++) {
            both += Math.min(a[i], b[i]);
            either += Math.max(a[i], b[i]);
        }
        return both / either > 0.6;
    }

    private static float[] box(int size) {
        float[] kernel = new float[size];
        java.util.Arrays.fill(kernel, 1f / size);
        return kernel;
    }

    private static void seven(Graphics2D g, Color ink) {
        g.setColor(ink);
        g.setStroke(new BasicStroke(7, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(75, 70, 125, 70);
        g.drawLine(125, 70, 95, 135);
    }

    private static Shape turned(Shape shape, double degrees) {
        return AffineTransform.getRotateInstance(Math.toRadians(degrees), SIDE / 2.0, SIDE / 2.0)
                .createTransformedShape(shape);
    }

    private static BufferedImage scene(Color background) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setColor(background);
        g.fillRect(0, 0, SIDE, SIDE);
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }
}
