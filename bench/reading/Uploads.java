import java.awt.Color;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * How a digit's ink ends up in an uploaded image: on paper, enlarged, blurred, photographed, in
 * pencil or ballpoint, chalk on a board, turned and slanted, specked and broken, written on ruled
 * or squared paper. Every method
 * takes ink images (0 none to 255 full, TYPE_BYTE_GRAY) or strokes and returns the image a user
 * would send.
 */
final class Uploads {

    private Uploads() {}

    /** The ink's bounding box, cut out: the ink touches every edge. */
    static BufferedImage cropToInk(BufferedImage ink) {
        int left = ink.getWidth();
        int right = -1;
        int top = ink.getHeight();
        int bottom = -1;
        for (int y = 0; y < ink.getHeight(); y++) {
            for (int x = 0; x < ink.getWidth(); x++) {
                if (ink.getRaster().getSample(x, y, 0) > 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return ink.getSubimage(left, top, right - left + 1, bottom - top + 1);
    }

    /** Enlarged so that the longer side is {@code side}, smoothly (bicubic) or blockily (nearest). */
    static BufferedImage enlarge(BufferedImage ink, int side, boolean smooth) {
        double scale = (double) side / Math.max(ink.getWidth(), ink.getHeight());
        int width = Math.max(1, (int) Math.round(ink.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(ink.getHeight() * scale));
        BufferedImage big = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
                : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(ink, 0, 0, width, height, null);
        g.dispose();
        return big;
    }

    /** A Gaussian blur of the ink, {@code sigma} pixels, the image's edges extended. */
    static BufferedImage blur(BufferedImage ink, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            total += kernel[i + radius];
        }
        int width = ink.getWidth();
        int height = ink.getHeight();
        double[] rows = new double[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int i = -radius; i <= radius; i++) {
                    int sx = Math.max(0, Math.min(width - 1, x + i));
                    sum += kernel[i + radius] * ink.getRaster().getSample(sx, y, 0);
                }
                rows[y * width + x] = sum / total;
            }
        }
        BufferedImage blurred = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int i = -radius; i <= radius; i++) {
                    int sy = Math.max(0, Math.min(height - 1, y + i));
                    sum += kernel[i + radius] * rows[sy * width + x];
                }
                blurred.getRaster().setSample(x, y, 0, (int) Math.round(sum / total));
            }
        }
        return blurred;
    }

    /** Ink of {@code level} (1 black) on white paper, grey. */
    static BufferedImage onPaper(BufferedImage ink, double level) {
        BufferedImage paper = new BufferedImage(ink.getWidth(), ink.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ink.getHeight(); y++) {
            for (int x = 0; x < ink.getWidth(); x++) {
                double v = ink.getRaster().getSample(x, y, 0) / 255.0 * level;
                paper.getRaster().setSample(x, y, 0, (int) Math.round(255 * (1 - v)));
            }
        }
        return paper;
    }

    /** The ink placed in a canvas of {@code side}, {@code size} pixels tall, turned, slanted and moved. */
    static BufferedImage place(BufferedImage ink, int side, double size, double degrees, double shear,
            double dx, double dy) {
        BufferedImage placed = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = placed.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform at = new AffineTransform();
        at.translate(side / 2.0 + dx, side / 2.0 + dy);
        at.rotate(Math.toRadians(degrees));
        at.shear(shear, 0);
        at.scale(size / ink.getHeight(), size / ink.getHeight());
        at.translate(-ink.getWidth() / 2.0, -ink.getHeight() / 2.0);
        g.drawImage(ink, at, null);
        g.dispose();
        return placed;
    }

    /** The ink placed anywhere in a larger canvas of {@code width} by {@code height}, unchanged. */
    static BufferedImage onCanvas(BufferedImage ink, int width, int height, Random random) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        g.drawImage(ink, random.nextInt(width - ink.getWidth() + 1), random.nextInt(height - ink.getHeight() + 1), null);
        g.dispose();
        return canvas;
    }

    /**
     * Strokes drawn in {@code colour} on a transparent canvas of 140 (the digit in a box of 100), as
     * a drawing app or a web page's canvas saves them: alpha 0 where nothing is drawn, soft edges.
     */
    static BufferedImage onTransparentCanvas(Strokes strokes, float width, Color colour, Random random) {
        BufferedImage canvas = new BufferedImage(140, 140, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        strokes.draw(g, 20 + random.nextInt(11) - 5, 20 + random.nextInt(11) - 5, 100, width, colour);
        g.dispose();
        return canvas;
    }

    /**
     * A note photographed lying on a desk: the ink written on a sheet (white or a yellow sticky note)
     * a quarter to 70% of the photo, turned up to 15 degrees, on wood, a grey table or dark cloth of
     * any darkness, with the sheet's shadow, light falling off by up to 25%, and grain; 4:3.
     */
    static BufferedImage noteOnDesk(BufferedImage ink, Random random) {
        int width = 240;
        int height = 180;
        double[][] surfaces = {{0.45, 0.28, 0.15}, {0.5, 0.5, 0.52}, {0.15, 0.17, 0.28}, {0.3, 0.3, 0.3}};
        double[] desk = surfaces[random.nextInt(surfaces.length)].clone();
        double darkness = 0.5 + 0.9 * random.nextDouble();
        double[] sheet = random.nextInt(4) == 0 ? new double[] {0.98, 0.93, 0.55}
                : new double[] {0.95, 0.94, 0.9 + 0.05 * random.nextDouble()};
        double[] pen = random.nextBoolean() ? new double[] {0.12, 0.16, 0.45} : new double[] {0.1, 0.1, 0.1};
        double side = Math.sqrt(0.25 + 0.45 * random.nextDouble()) * Math.sqrt(width * height);
        side = Math.min(side, 0.95 * height);
        double cx = width / 2.0 + (random.nextDouble() - 0.5) * (width - side * 0.8);
        double cy = height / 2.0 + (random.nextDouble() - 0.5) * (height - side * 0.8);
        AffineTransform place = new AffineTransform();
        place.translate(cx, cy);
        place.rotate(Math.toRadians(-15 + 30 * random.nextDouble()));
        place.translate(-side / 2, -side / 2);
        // Where the sheet and its shadow lie (coverage, soft at the edges), and the ink on the sheet.
        BufferedImage sheetMask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage shadowMask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        AffineTransform shadow = new AffineTransform();
        shadow.translate(2 + random.nextInt(3), 2 + random.nextInt(3));
        shadow.concatenate(place);
        for (Object[] mask : new Object[][] {{sheetMask, place}, {shadowMask, shadow}}) {
            Graphics2D g = ((BufferedImage) mask[0]).createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fill(((AffineTransform) mask[1]).createTransformedShape(new java.awt.geom.Rectangle2D.Double(0, 0, side, side)));
            g.dispose();
        }
        BufferedImage written = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D w = written.createGraphics();
        w.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform inkPlace = new AffineTransform(place);
        inkPlace.scale(side / ink.getWidth(), side / ink.getHeight());
        w.drawImage(ink, inkPlace, null);
        w.dispose();
        double angle = random.nextDouble() * 2 * Math.PI;
        double falloff = 0.25 * random.nextDouble();
        double grainAngle = random.nextDouble() * Math.PI;
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x - width / 2.0) / width;
                double v = (y - height / 2.0) / height;
                double light = 1 - falloff * (0.5 + u * Math.cos(angle) + v * Math.sin(angle));
                // The desk's grain: faint stripes along one direction.
                double stripes = 1 + 0.08 * Math.sin((x * Math.cos(grainAngle) + y * Math.sin(grainAngle)) / 3.0);
                double onSheet = sheetMask.getRaster().getSample(x, y, 0) / 255.0;
                double shade = 1 - 0.3 * shadowMask.getRaster().getSample(x, y, 0) / 255.0;
                double inked = written.getRaster().getSample(x, y, 0) / 255.0 * onSheet;
                double grain = 0.02 * random.nextGaussian();
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double surface = Math.min(1, desk[c] * darkness) * stripes * shade;
                    double paper = surface * (1 - onSheet) + sheet[c] * onSheet;
                    double value = light * (paper * (1 - inked) + pen[c] * inked) + grain;
                    rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(255 * value)));
                }
                photo.setRGB(x, y, rgb);
            }
        }
        return photo;
    }

    /** Strokes drawn with a round pen of {@code width} pixels, in a box of 100 pixels on a canvas of 140, as ink. */
    static BufferedImage pen(Strokes strokes, float width, Random random) {
        BufferedImage ink = new BufferedImage(140, 140, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = ink.createGraphics();
        strokes.draw(g, 20 + random.nextInt(11) - 5, 20 + random.nextInt(11) - 5, 100, width, Color.WHITE);
        g.dispose();
        return ink;
    }

    /** A photo of paper: light falling off, perhaps a shadow, a warm tint, grain; ink of the colour given. */
    static BufferedImage photo(BufferedImage ink, double[] inkColour, double falloff, double shadowDepth, double grain,
            Random random) {
        int width = ink.getWidth();
        int height = ink.getHeight();
        double angle = random.nextDouble() * 2 * Math.PI;
        double shadowAngle = random.nextDouble() * 2 * Math.PI;
        double shadowAt = (-0.25 + 0.5 * random.nextDouble()) * width;
        double[] tint = {1.0, 0.93 + 0.05 * random.nextDouble(), 0.8 + 0.12 * random.nextDouble()};
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x - width / 2.0) / width;
                double w = (y - height / 2.0) / height;
                double light = 1 - falloff * (0.5 + u * Math.cos(angle) + w * Math.sin(angle));
                double across = (x - width / 2.0) * Math.cos(shadowAngle) + (y - height / 2.0) * Math.sin(shadowAngle);
                light *= 1 - shadowDepth / (1 + Math.exp(-(across - shadowAt) / 4));
                double v = ink.getRaster().getSample(x, y, 0) / 255.0;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double paper = 0.92 * tint[c];
                    double level = light * (paper * (1 - v) + inkColour[c] * v) + grain * random.nextGaussian();
                    rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(255 * level)));
                }
                photo.setRGB(x, y, rgb);
            }
        }
        return photo;
    }

    /** Pencil: graphite grey, grainy along the stroke, on paper with a faint texture. */
    static BufferedImage pencil(BufferedImage ink, Random random) {
        double graphite = 0.35 + 0.3 * random.nextDouble();
        BufferedImage paper = new BufferedImage(ink.getWidth(), ink.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ink.getHeight(); y++) {
            for (int x = 0; x < ink.getWidth(); x++) {
                double v = ink.getRaster().getSample(x, y, 0) / 255.0;
                // The paper's tooth: graphite catches on some fibres and skips others.
                double tooth = Math.max(0, Math.min(1, 0.75 + 0.35 * random.nextGaussian()));
                double level = 0.95 + 0.015 * random.nextGaussian() - graphite * v * tooth;
                paper.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, Math.round(255 * level))));
            }
        }
        return paper;
    }

    /** Light chalk on a dark board, with dust. */
    static BufferedImage chalk(BufferedImage ink, Random random) {
        double board = 0.1 + 0.15 * random.nextDouble();
        double chalk = 0.8 + 0.15 * random.nextDouble();
        BufferedImage image = new BufferedImage(ink.getWidth(), ink.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ink.getHeight(); y++) {
            for (int x = 0; x < ink.getWidth(); x++) {
                double v = ink.getRaster().getSample(x, y, 0) / 255.0;
                double level = board + (chalk - board) * v * (0.85 + 0.15 * random.nextDouble())
                        + 0.03 * random.nextGaussian();
                image.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, Math.round(255 * level))));
            }
        }
        return image;
    }

    /** Dark specks of dirt on a photo, drawn on it. */
    static void dirt(BufferedImage photo, int specks, Random random) {
        Graphics2D g = photo.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int s = 0; s < specks; s++) {
            int shade = 40 + random.nextInt(60);
            g.setColor(new Color(shade, shade, shade));
            double r = 0.8 + 1.5 * random.nextDouble();
            g.fill(new Ellipse2D.Double(random.nextInt(photo.getWidth()), random.nextInt(photo.getHeight()), 2 * r,
                    2 * r));
        }
        g.dispose();
    }

    /** Dark specks of dirt, and {@code gaps} gaps across the strokes where the pen skipped. */
    static BufferedImage specksAndGaps(BufferedImage ink, int specks, int gaps, Random random) {
        BufferedImage copy = new BufferedImage(ink.getWidth(), ink.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = copy.createGraphics();
        g.drawImage(ink, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int side = Math.min(ink.getWidth(), ink.getHeight());
        for (int n = 0; n < gaps; n++) {
            // A gap where the stroke is: a small dark disc centred on an inked pixel.
            for (int tries = 0; tries < 200; tries++) {
                int x = random.nextInt(ink.getWidth());
                int y = random.nextInt(ink.getHeight());
                if (ink.getRaster().getSample(x, y, 0) > 200) {
                    double r = side * (0.02 + 0.02 * random.nextDouble());
                    g.setColor(Color.BLACK);
                    g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                    break;
                }
            }
        }
        for (int n = 0; n < specks; n++) {
            double r = side * (0.005 + 0.015 * random.nextDouble());
            int shade = 150 + random.nextInt(106);
            g.setColor(new Color(shade, shade, shade));
            g.fill(new Ellipse2D.Double(random.nextInt(ink.getWidth()), random.nextInt(ink.getHeight()), 2 * r, 2 * r));
        }
        g.dispose();
        return copy;
    }

    /**
     * Ink written on a page of a notebook: ruled lines (light blue), squared paper (grey or blue),
     * or ruled lines and a margin (red); lines 1 to 2 pixels wide, 28 to 60 apart, tilted up to 2
     * degrees (a page photographed not quite square); warm paper with grain; blue-black or black ink.
     */
    static BufferedImage ruled(BufferedImage ink, Random random) {
        int width = ink.getWidth();
        int height = ink.getHeight();
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        double paper = 0.92 + 0.05 * random.nextDouble();
        g.setColor(new Color((float) paper, (float) paper, (float) (paper * (0.93 + 0.05 * random.nextDouble()))));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double style = random.nextDouble();
        double spacing = 28 + 32 * random.nextDouble();
        double tilt = Math.tan(Math.toRadians(-2 + 4 * random.nextDouble()));
        Color line = style < 0.5 || random.nextBoolean()
                ? new Color(140 + random.nextInt(50), 180 + random.nextInt(35), 225 + random.nextInt(25))
                : new Color(165 + random.nextInt(50), 165 + random.nextInt(50), 165 + random.nextInt(50));
        g.setColor(line);
        g.setStroke(new BasicStroke(1f + random.nextFloat()));
        for (double y = random.nextDouble() * spacing; y < height + spacing; y += spacing) {
            g.draw(new Line2D.Double(0, y, width, y + tilt * width));
        }
        if (style >= 0.5 && style < 0.85) {
            for (double x = random.nextDouble() * spacing; x < width + spacing; x += spacing) {
                g.draw(new Line2D.Double(x, 0, x - tilt * height, height));
            }
        } else if (style >= 0.85) {
            g.setColor(new Color(215 + random.nextInt(30), 110 + random.nextInt(50), 130 + random.nextInt(40)));
            double x = 4 + random.nextInt(30);
            g.draw(new Line2D.Double(x, 0, x - tilt * height, height));
        }
        g.dispose();
        double[] inkColour = random.nextBoolean() ? new double[] {0.1, 0.12, 0.35} : new double[] {0.1, 0.1, 0.1};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = ink.getRaster().getSample(x, y, 0) / 255.0;
                int under = page.getRGB(x, y);
                double grain = 0.015 * random.nextGaussian();
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double level = ((under >> (16 - 8 * c)) & 0xFF) / 255.0 * (1 - v) + inkColour[c] * v + grain;
                    rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(255 * level)));
                }
                page.setRGB(x, y, rgb);
            }
        }
        return page;
    }
}
