import boofcv.alg.filter.binary.BinaryImageOps;
import boofcv.struct.image.GrayU8;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The strokes of a handwritten digit as a pen would draw them: an MNIST digit enlarged four
 * times, thinned to its skeleton (BoofCV), and traced into polylines from its ends (and around
 * its loops). Drawn again with any pen, they give the same writer's digit in another stroke.
 */
final class Strokes {

    static final int SCALE = 4;
    /** The shortest line kept, in the digit's 28x28 pixels. */
    private static final double MIN_LENGTH = 3;

    private static double length(List<double[]> line) {
        double total = 0;
        for (int i = 1; i < line.size(); i++) {
            total += Math.hypot(line.get(i)[0] - line.get(i - 1)[0], line.get(i)[1] - line.get(i - 1)[1]);
        }
        return total;
    }

    /** Polylines in the digit's 28x28 coordinates, each at least two points. */
    final List<List<double[]>> lines;

    private Strokes(List<List<double[]>> lines) {
        this.lines = lines;
    }

    static Strokes of(BufferedImage mnist) {
        int side = 28 * SCALE;
        // Bilinear enlargement, then the ink above half: a smooth outline to thin.
        BufferedImage big = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(mnist, 0, 0, side, side, null);
        g.dispose();
        GrayU8 binary = new GrayU8(side, side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                binary.set(x, y, big.getRaster().getSample(x, y, 0) > 110 ? 1 : 0);
            }
        }
        GrayU8 skeleton = BinaryImageOps.thin(binary, -1, null);
        boolean[] left = new boolean[side * side];
        for (int i = 0; i < left.length; i++) {
            left[i] = skeleton.data[i] != 0;
        }
        List<List<double[]>> lines = new ArrayList<>();
        // From the ends first, then whatever is left (loops).
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < left.length; i++) {
                if (left[i] && (pass == 1 || neighbours(left, side, i).size() == 1)) {
                    List<double[]> line = trace(left, side, i);
                    if (line.size() >= 3) {
                        lines.add(smooth(line));
                    }
                }
            }
        }
        // Spurs of the thinning (a barb on a 1) are shorter than any stroke a pen draws.
        List<List<double[]>> strokes = new ArrayList<>();
        for (List<double[]> line : lines) {
            if (length(line) >= MIN_LENGTH || lines.size() == 1) {
                strokes.add(line);
            }
        }
        return new Strokes(strokes);
    }

    private static List<Integer> neighbours(boolean[] on, int side, int at) {
        List<Integer> found = new ArrayList<>();
        int x = at % side;
        int y = at / side;
        // 4-neighbours first, so that a path follows the skeleton rather than cutting its corners.
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
        for (int[] step : steps) {
            int nx = x + step[0];
            int ny = y + step[1];
            if (nx >= 0 && ny >= 0 && nx < side && ny < side && on[ny * side + nx]) {
                found.add(ny * side + nx);
            }
        }
        return found;
    }

    private static List<double[]> trace(boolean[] left, int side, int start) {
        List<double[]> line = new ArrayList<>();
        int at = start;
        while (true) {
            left[at] = false;
            line.add(new double[] {(at % side + 0.5) / SCALE, (at / side + 0.5) / SCALE});
            List<Integer> next = neighbours(left, side, at);
            if (next.isEmpty()) {
                return line;
            }
            at = next.get(0);
        }
    }

    /** A moving average of five points, every second point kept: a hand's line, not a pixel staircase. */
    private static List<double[]> smooth(List<double[]> line) {
        List<double[]> smooth = new ArrayList<>();
        for (int i = 0; i < line.size(); i += 2) {
            double x = 0;
            double y = 0;
            int n = 0;
            for (int j = Math.max(0, i - 2); j <= Math.min(line.size() - 1, i + 2); j++) {
                x += line.get(j)[0];
                y += line.get(j)[1];
                n++;
            }
            smooth.add(new double[] {x / n, y / n});
        }
        if ((line.size() - 1) % 2 != 0) {
            smooth.add(line.get(line.size() - 1));
        }
        return smooth;
    }

    /**
     * Draws the strokes onto a picture of side {@code side} pixels, the digit's 28x28 box mapped
     * to {@code box} pixels at ({@code left}, {@code top}), with a round pen of {@code width}.
     */
    void draw(Graphics2D g, double left, double top, double box, float width, Color ink) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(ink);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double scale = box / 28;
        for (List<double[]> line : lines) {
            Path2D path = new Path2D.Double();
            path.moveTo(left + line.get(0)[0] * scale, top + line.get(0)[1] * scale);
            for (int i = 1; i < line.size(); i++) {
                path.lineTo(left + line.get(i)[0] * scale, top + line.get(i)[1] * scale);
            }
            g.draw(path);
        }
    }
}
