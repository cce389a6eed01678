package dev.digits.model.image;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the horizontal printed lines of an image (ink bright), for {@link RuledLines}: thin,
 * sharp bands brighter than the rows a few pixels above and below them, running from edge to edge.
 * A line is followed piece by piece across the image (pieces of about 32 pixels, and of about 16
 * for a line tilted further), so that it may tilt as a page photographed not quite square does; it
 * must be seen in at least half the pieces, for strokes hide the rest, and run on to both edges.
 * A band along the image's edge, with paper on one side only, may be a tightly cropped digit's
 * stroke: it is a line only beside one found inside the image.
 */
final class LineFinder {

    /** A line is at most this many pixels thick, besides a pixel of soft edge on either side. */
    static final int THICKEST = 3;
    /** The rows compared with a line's lie this far from it (one past the thickest line). */
    private static final int BESIDE = THICKEST;
    /** A line's pixel is this much brighter than both pixels beside it (ink levels, 0 to 1). */
    private static final float CONTRAST = 0.04f;
    /**
     * Along a piece, a line runs across at least this share of it, beside strokes or on paper
     * alone; strokes crossing it hide the rest.
     */
    private static final double ACROSS = 0.7;
    /** And on paper alone, with no stroke beside it, across at least this share. */
    private static final double SEEN = 0.3;
    /**
     * A line is followed in pieces about this long: long pieces see a line beside strokes better,
     * short ones follow a line that tilts further (a pixel every 16 pixels).
     */
    private static final int[] PIECES = {32, 16};
    /** A line is seen in at least this share of the pieces. */
    private static final double PIECES_SEEN = 0.5;

    private LineFinder() {}

    /** A line's rows in one piece. */
    record Band(int piece, int first, int last) {
        double centre() {
            return (first + last) / 2.0;
        }
    }

    /** A line: its bands in the pieces where it is seen, of {@code pieces} across the image. */
    record Line(int pieces, List<Band> bands) {
        double centre() {
            return bands.stream().mapToDouble(Band::centre).average().orElse(0);
        }

        /** The band in a piece: its own, or where the line is hidden, the nearest piece's. */
        Band nearest(int piece) {
            Band nearest = bands.get(0);
            for (Band band : bands) {
                if (Math.abs(band.piece() - piece) < Math.abs(nearest.piece() - piece)) {
                    nearest = band;
                }
            }
            return nearest;
        }
    }

    /**
     * The horizontal lines no brighter than {@code faintest}, followed in long pieces and in
     * short ones (a line tilted further): each line once.
     */
    static List<Line> find(float[] ink, int width, int height, float faintest) {
        byte[] standsOut = standsOut(ink, width, height);
        List<Line> lines = new ArrayList<>();
        for (int length : PIECES) {
            int pieces = Math.max(1, Math.round(width / (float) length));
            for (Line line : find(ink, standsOut, width, height, pieces, faintest)) {
                if (lines.stream().noneMatch(found -> Math.abs(found.centre() - line.centre()) <= THICKEST)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /**
     * The horizontal lines followed in this many pieces, no brighter than {@code faintest}; those
     * along the edges only beside one inside the image, on ruled paper.
     */
    private static List<Line> find(float[] ink, byte[] standsOut, int width, int height, int pieces,
            float faintest) {
        List<Band> inside = new ArrayList<>();
        List<Band> atEdge = new ArrayList<>();
        for (int p = 0; p < pieces; p++) {
            bands(ink, standsOut, width, height, p * width / pieces, (p + 1) * width / pieces, p, inside, atEdge);
        }
        List<Line> lines = follow(inside, pieces);
        lines.removeIf(line -> !reachesEdges(ink, width, height, line) || level(ink, width, line) > faintest);
        if (!lines.isEmpty()) {
            List<Line> edges = follow(atEdge, pieces);
            edges.removeIf(line -> level(ink, width, line) > faintest);
            lines.addAll(edges);
        }
        return lines;
    }

    /** Of each pixel, brighter than both pixels {@link #BESIDE} rows away: 1; than one of them only (beside a stroke): 2. */
    private static byte[] standsOut(float[] ink, int width, int height) {
        byte[] standsOut = new byte[ink.length];
        for (int y = 0; y < height; y++) {
            boolean above = y - BESIDE >= 0;
            boolean below = y + BESIDE < height;
            for (int x = 0; x < width; x++) {
                float level = ink[y * width + x];
                float up = above ? ink[(y - BESIDE) * width + x] : 0f;
                float down = below ? ink[(y + BESIDE) * width + x] : 0f;
                if (level - Math.max(up, down) >= CONTRAST) {
                    standsOut[y * width + x] = 1;
                } else if (level - Math.min(up, down) >= CONTRAST) {
                    standsOut[y * width + x] = 2;
                }
            }
        }
        return standsOut;
    }

    /** The bands of one piece (columns {@code from} to {@code to}, exclusive), inside the image and at its edges. */
    private static void bands(float[] ink, byte[] standsOut, int width, int height, int from, int to, int piece,
            List<Band> inside, List<Band> atEdge) {
        int length = to - from;
        boolean[] line = new boolean[height];
        for (int y = 0; y < height; y++) {
            int brighter = 0;
            int besideInk = 0;
            for (int x = from; x < to; x++) {
                byte kind = standsOut[y * width + x];
                brighter += kind == 1 ? 1 : 0;
                besideInk += kind == 2 ? 1 : 0;
            }
            line[y] = brighter >= SEEN * length && brighter + besideInk >= ACROSS * length;
        }
        for (int y = 0; y < height; ) {
            if (!line[y]) {
                y++;
                continue;
            }
            int first = y;
            while (y < height && line[y]) {
                y++;
            }
            int last = y - 1;
            // Wider than a printed rule, or as soft as a stroke: a stroke.
            if (last - first + 1 <= THICKEST && sharp(ink, width, height, first, last, from, to)) {
                boolean edge = first - BESIDE < 0 || last + BESIDE >= height;
                (edge ? atEdge : inside).add(new Band(piece, first, last));
            }
        }
    }

    /**
     * Whether rows {@code first} to {@code last}, with a row of soft edge on either side, stand
     * out from the rows just outside them, and those are as flat as paper (as the rows two further
     * out) across {@link #SEEN} of the piece: printed rules are sharp; the middle of a soft or
     * blurred stroke also stands out from the rows a few pixels away, but its sides fall off
     * gradually.
     */
    private static boolean sharp(float[] ink, int width, int height, int first, int last, int from, int to) {
        int up = first - 2;
        int down = last + 2;
        int sharp = 0;
        for (int x = from; x < to; x++) {
            float band = 0f;
            for (int y = Math.max(0, first - 1); y <= Math.min(height - 1, last + 1); y++) {
                band = Math.max(band, ink[y * width + x]);
            }
            boolean clean = true;
            if (up >= 0) {
                float outside = ink[up * width + x];
                clean = band - outside >= CONTRAST
                        && (up - 2 < 0 || Math.abs(outside - ink[(up - 2) * width + x]) < CONTRAST / 2);
            }
            if (down < height) {
                float outside = ink[down * width + x];
                clean &= band - outside >= CONTRAST
                        && (down + 2 >= height || Math.abs(outside - ink[(down + 2) * width + x]) < CONTRAST / 2);
            }
            if (clean) {
                sharp++;
            }
        }
        return sharp >= SEEN * (to - from);
    }

    /**
     * Bands that follow on from piece to piece (their centres at most a row and a half apart per
     * piece between them), seen in at least {@link #PIECES_SEEN} of the pieces.
     */
    private static List<Line> follow(List<Band> bands, int pieces) {
        List<List<Band>> chains = new ArrayList<>();
        for (int p = 0; p < pieces; p++) {
            for (Band band : bands) {
                if (band.piece() != p) {
                    continue;
                }
                List<Band> best = null;
                double bestDistance = Double.MAX_VALUE;
                for (List<Band> chain : chains) {
                    Band end = chain.get(chain.size() - 1);
                    double distance = Math.abs(end.centre() - band.centre());
                    if (end.piece() < p && distance <= 1.5 * (p - end.piece()) && distance < bestDistance) {
                        best = chain;
                        bestDistance = distance;
                    }
                }
                if (best == null) {
                    best = new ArrayList<>();
                    chains.add(best);
                }
                best.add(band);
            }
        }
        return chains.stream().filter(chain -> chain.size() >= PIECES_SEEN * pieces)
                .map(chain -> new Line(pieces, chain)).collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * Whether a line runs on to both edges: in each piece beyond its ends, at its rows, something
     * stands out from the rows beside it across {@link #SEEN} of the piece (the line, hidden in
     * part by a stroke), not paper alone. A printed line runs from edge to edge; a stroke (a 1)
     * ends on paper.
     */
    private static boolean reachesEdges(float[] ink, int width, int height, Line line) {
        int pieces = line.pieces();
        int firstSeen = line.bands().get(0).piece();
        int lastSeen = line.bands().get(line.bands().size() - 1).piece();
        for (int p = 0; p < pieces; p++) {
            if (p >= firstSeen && p <= lastSeen) {
                continue;
            }
            Band band = line.nearest(p);
            int from = p * width / pieces;
            int to = (p + 1) * width / pieces;
            int standsOut = 0;
            for (int x = from; x < to; x++) {
                for (int y = Math.max(0, band.first() - 1); y <= Math.min(height - 1, band.last() + 1); y++) {
                    float up = y - BESIDE >= 0 ? ink[(y - BESIDE) * width + x] : 1f;
                    float down = y + BESIDE < height ? ink[(y + BESIDE) * width + x] : 1f;
                    if (ink[y * width + x] - Math.min(up, down) >= CONTRAST) {
                        standsOut++;
                        break;
                    }
                }
            }
            if (standsOut < SEEN * (to - from)) {
                return false;
            }
        }
        return true;
    }

    /** A line's level: the median, over the columns where it is seen, of its band's brightest pixel. */
    static float level(float[] ink, int width, Line line) {
        int pieces = line.pieces();
        List<Float> levels = new ArrayList<>();
        for (Band band : line.bands()) {
            for (int x = band.piece() * width / pieces; x < (band.piece() + 1) * width / pieces; x++) {
                float brightest = 0f;
                for (int y = band.first(); y <= band.last(); y++) {
                    brightest = Math.max(brightest, ink[y * width + x]);
                }
                levels.add(brightest);
            }
        }
        levels.sort(null);
        return levels.get(levels.size() / 2);
    }
}
