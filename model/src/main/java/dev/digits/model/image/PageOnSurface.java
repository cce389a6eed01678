package dev.digits.model.image;

import boofcv.alg.filter.binary.BinaryImageOps;
import boofcv.alg.filter.binary.Contour;
import boofcv.alg.filter.binary.GThresholdImageOps;
import boofcv.alg.filter.binary.ThresholdImageOps;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
import georegression.struct.point.Point2D_I32;
import java.util.List;

/**
 * A page photographed lying on a darker surface (a note on a desk): the surface around the page is
 * neither paper nor ink. Left as it was, the light page stood out from the dark edges as one great
 * stroke, and the digit written on it was lost. Where the image is a page on a surface, the surface
 * (and the page's rim) takes the page's level, and the page reads as a page.
 *
 * <p>A page here is the largest light region (Otsu's threshold, BoofCV's contours) that covers a
 * tenth of the image, reaches at most two of its four edges, is nearly a rectangle (a digit's own
 * light strokes on a dark board are not: a chalk 0 filled in is an ellipse), holds dark marks (a
 * light bar has none), and is clearly lighter than nearly all the surface around it (the inside of
 * a tightly cropped 0 has paper beyond its ring of ink). Anything else is left as it is. Measured on
 * the dev halves: it covers 464 of 500 notes on desks (the kind note-on-desk), and no image of the
 * nineteen other kinds; without the edges' test, 171 pages with specks, 12 unevenly lit photos and a
 * ruled page would be taken for pages on a surface, without the rectangle 22 chalk digits, 14 on
 * transparent canvases and 5 unevenly lit photos, and without both the marks and the surface's
 * lightest level (its mean instead; measured with an earlier test of the edges) 8 soft and tight
 * crops of 0s and 4s, the inside of their loops (either test alone stops them).
 *
 * <p>Last, the surface beyond the page's rim must hold no writing like the page's: under a lamp, a
 * page lit in a band between two shadows passes every test above, and covering the shadows wiped
 * out the digits written there (drawn numbers under such a band, 26 of 100 read otherwise than on
 * clean paper; 2 now, as under uneven light). The notes on desks hold at most 0.044 of their marks'
 * pixels in such writing on their desks (dev half), and the test refuses no image of the
 * benchmark: the pages found are the same.
 */
final class PageOnSurface {

    /** The page's level above the surface's lightest (its {@link #LIGHTEST} quantile), at least. */
    static final float CONTRAST = 0.2f;
    static final double LIGHTEST = 0.9;
    /** The page's share of the image, at least. */
    static final double PAGE = 0.1;
    /**
     * How many of the image's four edges the page may reach: a note leaves the frame on a side or at
     * a corner. The lit part of a page whose other end is in shadow reaches three, and the shadowed
     * end, covered, lost the digits written there (numbers under a shadow, NumberReadingTest).
     */
    static final int SIDES = 2;
    /** The page and what it encloses, against the smallest rectangle around it, at least. */
    static final double RECTANGULAR = 0.85;
    /** The marks on the page (what it encloses that is not light), as a share of it, at least. */
    static final double MARKS = 0.005;

    /**
     * Writing on the surface beyond the page's rim, against the page's own marks, below this: a
     * page lit between two shadows, its ends written on, is no note on a desk, and covering the
     * shadows would wipe out what is written there.
     */
    static final double WRITING = 0.1;
    /** The least contrast of writing on the surface. */
    static final float INK = 0.1f;
    /** The surface's level is a median on a copy this many pixels on its shorter side: it only follows the light. */
    private static final int LEVEL_SIDE = 32;

    private PageOnSurface() {}

    /**
     * Where {@code grey} (levels 0 black to 1 white, as decoded) is a light page on a darker surface,
     * gives the surface and the page's rim the page's level and answers true; else leaves it.
     */
    static boolean cover(float[] grey, int width, int height) {
        int size = width * height;
        // Otsu's threshold over 256 levels, as BoofCV computes it on 8-bit images.
        GrayU8 levels = new GrayU8(width, height);
        for (int i = 0; i < size; i++) {
            levels.data[i] = (byte) Math.round(255 * grey[i]);
        }
        GrayU8 light = ThresholdImageOps.threshold(levels, null, (int) GThresholdImageOps.computeOtsu(levels, 0, 255), false);
        GrayS32 labels = new GrayS32(width, height);
        List<Contour> regions = BinaryImageOps.contour(light, ConnectRule.EIGHT, labels);
        if (regions.isEmpty()) {
            return false;
        }
        int[] pixels = new int[regions.size() + 1];
        for (int label : labels.data) {
            pixels[label]++;
        }
        int page = 1;
        for (int label = 2; label < pixels.length; label++) {
            page = pixels[label] > pixels[page] ? label : page;
        }
        if (pixels[page] < PAGE * size || sides(labels, page) > SIDES) {
            return false;
        }
        GrayU8 surface = surface(labels, page);
        Tails surfaceLevels = new Tails();
        Tails pageLevels = new Tails();
        Tails markLevels = new Tails();
        for (int i = 0; i < size; i++) {
            if (surface.data[i] != 0) {
                surfaceLevels.add(grey[i]);
            } else if (labels.data[i] == page) {
                pageLevels.add(grey[i]);
            } else {
                markLevels.add(grey[i]);
            }
        }
        int surfacePixels = surfaceLevels.count();
        int enclosed = size - surfacePixels;
        int marks = markLevels.count();
        if (surfacePixels == 0 || marks < MARKS * enclosed) {
            return false;
        }
        float paper = pageLevels.lowest(pixels[page] / 2);
        // Nearly all the surface is darker than the page: a ring of ink with paper beyond it is not a surface.
        float lightest = surfaceLevels.highest((int) ((1 - LIGHTEST) * surfacePixels));
        // BoofCV labels the regions in the order of its list, from 1.
        Contour outline = regions.get(page - 1);
        if (paper - lightest < CONTRAST || enclosed < RECTANGULAR * smallestRectangle(outline.external)) {
            return false;
        }
        // The page's rim: its edge's soft pixels and a shadow's, a pixel in a hundred of the image's side.
        int rim = 2 + Math.max(width, height) / 100;
        float surfaceMedian = surfaceLevels.lowest(surfacePixels / 2);
        float ink = markLevels.lowest(marks / 2);
        if (writing(grey, width, height, surface, surfaceMedian, rim, ink / paper) >= WRITING * marks) {
            return false;
        }
        GrayU8 covered = BinaryImageOps.dilate8(surface, rim, null);
        for (int i = 0; i < size; i++) {
            if (covered.data[i] != 0) {
                grey[i] = paper;
            }
        }
        return true;
    }

    /**
     * How many pixels of the surface, beyond the page's rim, are written on as the page is: darker
     * than the surface's level around them by half what the page's marks are below the paper (in
     * proportion: a shadow dims paper and ink alike), and by {@link #INK} at least (a desk's grain
     * and a dark desk's noise are not writing).
     */
    private static int writing(float[] grey, int width, int height, GrayU8 surface, float surfaceMedian, int rim,
            float inkToPaper) {
        // The surface's own level where each pixel is (its falloff is not writing), the page given the
        // surface's median first: beside the page, in a corner, it would lift the median above the surface.
        float[] surfaceOnly = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            surfaceOnly[i] = surface.data[i] != 0 ? grey[i] : surfaceMedian;
        }
        float[] level = Background.median(surfaceOnly, width, height, LEVEL_SIDE);
        GrayU8 beyondRim = BinaryImageOps.erode8(surface, rim, null);
        int count = 0;
        for (int i = 0; i < grey.length; i++) {
            float written = Math.min(level[i] * (1 + inkToPaper) / 2, level[i] - INK);
            count += beyondRim.data[i] != 0 && grey[i] < written ? 1 : 0;
        }
        return count;
    }

    /** How many of the image's four edges the region reaches. */
    private static int sides(GrayS32 labels, int label) {
        boolean top = false;
        boolean bottom = false;
        for (int x = 0; x < labels.width; x++) {
            top |= labels.get(x, 0) == label;
            bottom |= labels.get(x, labels.height - 1) == label;
        }
        boolean left = false;
        boolean right = false;
        for (int y = 0; y < labels.height; y++) {
            left |= labels.get(0, y) == label;
            right |= labels.get(labels.width - 1, y) == label;
        }
        return (top ? 1 : 0) + (bottom ? 1 : 0) + (left ? 1 : 0) + (right ? 1 : 0);
    }

    /** The pixels outside the page (1, else 0): not the page, and joined to the image's edges without crossing it. */
    private static GrayU8 surface(GrayS32 labels, int page) {
        int width = labels.width;
        int height = labels.height;
        GrayU8 notPage = new GrayU8(width, height);
        for (int i = 0; i < notPage.data.length; i++) {
            notPage.data[i] = (byte) (labels.data[i] == page ? 0 : 1);
        }
        GrayS32 parts = new GrayS32(width, height);
        List<Contour> regions = BinaryImageOps.contour(notPage, ConnectRule.FOUR, parts);
        boolean[] atEdge = new boolean[regions.size() + 1];
        for (int x = 0; x < width; x++) {
            atEdge[parts.get(x, 0)] = true;
            atEdge[parts.get(x, height - 1)] = true;
        }
        for (int y = 0; y < height; y++) {
            atEdge[parts.get(0, y)] = true;
            atEdge[parts.get(width - 1, y)] = true;
        }
        atEdge[0] = false;
        // notPage is not needed again: it becomes the surface.
        for (int i = 0; i < notPage.data.length; i++) {
            notPage.data[i] = (byte) (atEdge[parts.data[i]] ? 1 : 0);
        }
        return notPage;
    }

    /** The area of the smallest rectangle, at any angle (a degree apart), that holds the outline's pixels. */
    static double smallestRectangle(List<Point2D_I32> outline) {
        double smallest = Double.MAX_VALUE;
        for (int degree = 0; degree < 90; degree++) {
            double cos = Math.cos(Math.toRadians(degree));
            double sin = Math.sin(Math.toRadians(degree));
            double minU = Double.MAX_VALUE;
            double maxU = -Double.MAX_VALUE;
            double minV = Double.MAX_VALUE;
            double maxV = -Double.MAX_VALUE;
            for (Point2D_I32 p : outline) {
                double u = p.x * cos + p.y * sin;
                double v = p.y * cos - p.x * sin;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            // Pixels, not points: each reaches half a pixel beyond its centre.
            smallest = Math.min(smallest, (maxU - minU + 1) * (maxV - minV + 1));
        }
        return smallest;
    }
}
