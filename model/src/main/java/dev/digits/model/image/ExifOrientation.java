package dev.digits.model.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Which way up a JPEG's pixels are meant to be seen. A phone stores a photo as its sensor holds it
 * and says in EXIF (tag 274, Orientation) how to turn it upright, and browsers and viewers do turn
 * it: a portrait photo of a digit is stored lying on its side. Read as stored, the reading benchmark's
 * phone photos (a quarter turn either way, a half turn or none, equally often) read 43% right.
 */
final class ExifOrientation {

    /** Shown as stored. */
    static final int UPRIGHT = 1;

    private ExifOrientation() {}

    /**
     * The orientation a JPEG's EXIF gives, 1 to 8; {@link #UPRIGHT} where it has none or its EXIF
     * cannot be read: a viewer then shows the pixels as stored, and so does digits.
     */
    static int of(byte[] jpeg) {
        try {
            // The EXIF segment alone: the other readers parse what digits does not need.
            Metadata metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(jpeg),
                    List.of(new ExifReader()));
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifDirectoryBase.TAG_ORIENTATION)) {
                return UPRIGHT;
            }
            int orientation = ifd0.getInt(ExifDirectoryBase.TAG_ORIENTATION);
            return orientation >= 1 && orientation <= 8 ? orientation : UPRIGHT;
        } catch (Exception unreadable) {
            // Damaged or hostile metadata: the pixels decoded, and are read as stored.
            return UPRIGHT;
        }
    }

    /**
     * The image as a viewer shows it: turned and mirrored as EXIF's {@code orientation} says
     * (2 mirrored, 3 a half turn, 4 mirrored upside down, 5 mirrored across the diagonal, 6 a
     * quarter turn clockwise, 7 across the other diagonal, 8 a quarter turn anticlockwise).
     * Pixels are moved whole, in the image's own colour model, none blended.
     */
    static BufferedImage upright(BufferedImage stored, int orientation) {
        if (orientation <= UPRIGHT || orientation > 8) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean sideways = orientation >= 5;
        int width = sideways ? h : w;
        int height = sideways ? w : h;
        ColorModel model = stored.getColorModel();
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        Raster from = stored.getRaster();
        Object pixel = null;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // The stored pixel shown at (x, y).
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                pixel = from.getDataElements(sx, sy, pixel);
                raster.setDataElements(x, y, pixel);
            }
        }
        return new BufferedImage(model, raster, model.isAlphaPremultiplied(), null);
    }
}
