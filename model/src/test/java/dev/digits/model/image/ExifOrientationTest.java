package dev.digits.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEGs are read the way up a viewer shows them, as their EXIF orientation says; anything else in
 * or around the EXIF leaves the pixels as stored.
 */
class ExifOrientationTest {

    /**
     * What a viewer shows of stored pixels, in the words of the EXIF standard's table (and of
     * every photo library's): each orientation as mirrorings and clockwise quarter turns.
     */
    private static BufferedImage shown(BufferedImage stored, int orientation) {
        return switch (orientation) {
            case 1 -> stored;
            case 2 -> mirrored(stored);
            case 3 -> turnedClockwise(stored, 2);
            case 4 -> turnedClockwise(mirrored(stored), 2);
            case 5 -> turnedClockwise(mirrored(stored), 3);
            case 6 -> turnedClockwise(stored, 1);
            case 7 -> turnedClockwise(mirrored(stored), 1);
            case 8 -> turnedClockwise(stored, 3);
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void eachOrientationTurnsThePixelsAsAViewerDoes(int orientation) {
        BufferedImage stored = new BufferedImage(7, 4, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(orientation);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 7; x++) {
                stored.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        assertThat(pixels(ExifOrientation.upright(stored, orientation))).isEqualTo(pixels(shown(stored, orientation)));
    }

    @Test
    void greyAndPalettePixelsKeepTheirOwnModel() {
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
            BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage stored = new BufferedImage(5, 3, type);
            stored.getRaster().setSample(4, 0, 0, 200);
            BufferedImage upright = ExifOrientation.upright(stored, 6);
            assertThat(upright.getColorModel()).isEqualTo(stored.getColorModel());
            assertThat(upright.getWidth()).isEqualTo(3);
            // The stored top right corner, turned a quarter clockwise, is shown at the bottom right.
            assertThat(upright.getRaster().getSample(2, 4, 0)).isEqualTo(200);
        }
    }

    @Test
    void aPhonesPortraitPhotoIsDecodedUpright() throws IOException {
        // Upright: a portrait page, dark at its top left; the phone stores it lying on its side.
        BufferedImage upright = new BufferedImage(48, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = upright.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 48, 64);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        for (int orientation : new int[] {3, 6, 8}) {
            BufferedImage stored = shown(upright, new int[] {0, 1, 0, 3, 0, 0, 8, 0, 6}[orientation]);
            BufferedImage decoded = ImageDecoder.decode(withExif(jpeg(stored), orientation, false), 1 << 20);
            assertThat(decoded.getWidth()).as("orientation %d", orientation).isEqualTo(48);
            assertThat(decoded.getHeight()).isEqualTo(64);
            assertThat(decoded.getRGB(4, 4) & 0xFF).as("top left, orientation %d", orientation).isLessThan(60);
            assertThat(decoded.getRGB(43, 59) & 0xFF).as("bottom right, orientation %d", orientation).isGreaterThan(200);
        }
    }

    @Test
    void theTagIsReadWhereverTheExifSegmentIsAndOnlyThere() throws IOException {
        byte[] plain = jpeg(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
        assertThat(ExifOrientation.of(plain)).isEqualTo(1);
        assertThat(ExifOrientation.of(withExif(plain, 6, false))).isEqualTo(6);
        // After the JFIF segment, as an editor that keeps EXIF writes it.
        assertThat(ExifOrientation.of(withExif(plain, 8, true))).isEqualTo(8);
        // Values the standard does not define are read as none.
        assertThat(ExifOrientation.of(withExif(plain, 0, false))).isEqualTo(1);
        assertThat(ExifOrientation.of(withExif(plain, 9, false))).isEqualTo(1);
        BufferedImage png = ImageDecoder.decode(pngBytes(new BufferedImage(8, 5, BufferedImage.TYPE_INT_RGB)), 1 << 20);
        assertThat(png.getWidth()).isEqualTo(8);
    }

    @Test
    void damagedExifLeavesThePixelsAsStored() throws IOException {
        byte[] phone = withExif(jpeg(new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB)), 6, false);
        Random random = new Random(11);
        for (int n = 0; n < 300; n++) {
            byte[] damaged = phone.clone();
            // Garbage anywhere in the segment after its length: the TIFF header, the directory, the value.
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                damaged[6 + random.nextInt(30)] = (byte) random.nextInt(256);
            }
            int orientation = ExifOrientation.of(damaged);
            assertThat(orientation).isBetween(1, 8);
            BufferedImage decoded = ImageDecoder.decode(damaged, 1 << 20);
            assertThat(decoded.getWidth()).isEqualTo(orientation >= 5 ? 8 : 12);
        }
        // Cut off inside the segment: no orientation, and no image either.
        byte[] cut = Arrays.copyOf(phone, 20);
        assertThat(ExifOrientation.of(cut)).isEqualTo(1);
        assertThatThrownBy(() -> ImageDecoder.decode(cut, 1 << 20)).isInstanceOf(InvalidImageException.class);
    }

    private static BufferedImage mirrored(BufferedImage image) {
        AffineTransform mirror = new AffineTransform(-1, 0, 0, 1, image.getWidth(), 0);
        return new AffineTransformOp(mirror, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, null);
    }

    private static BufferedImage turnedClockwise(BufferedImage image, int quarters) {
        BufferedImage turned = image;
        for (int q = 0; q < quarters; q++) {
            // Clockwise on the screen: a point (x, y) goes to (height - y, x).
            AffineTransform quarter = new AffineTransform(0, 1, -1, 0, turned.getHeight(), 0);
            BufferedImage next = new BufferedImage(turned.getHeight(), turned.getWidth(), turned.getType());
            new AffineTransformOp(quarter, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(turned, next);
            turned = next;
        }
        return turned;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static byte[] pngBytes(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * The JPEG with an EXIF segment holding the orientation alone (little-endian TIFF, as most phones
     * write it): first, in place of the JFIF segment, as a camera writes it, or after it.
     */
    static byte[] withExif(byte[] jpeg, int orientation, boolean afterJfif) {
        byte[] exif = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'I', 'I', 42, 0, 8, 0, 0, 0,
            1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0,
            0, 0, 0, 0};
        int jfifEnd = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (afterJfif) {
            out.write(jpeg, 0, jfifEnd);
            out.writeBytes(exif);
        } else {
            out.write(jpeg, 0, 2);
            out.writeBytes(exif);
        }
        out.write(jpeg, jfifEnd, jpeg.length - jfifEnd);
        return out.toByteArray();
    }
}
