import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A photo saved as a phone saves it: the pixels as the sensor holds them, and an EXIF orientation tag
 * (TIFF tag 274) that tells a viewer how to turn them upright. A portrait photo is stored on its side
 * with tag 6 (turn a quarter clockwise to view) or 8 (a quarter anticlockwise); one held upside down,
 * 3. The file begins with the EXIF segment, as a camera's does, and has no JFIF segment.
 */
final class PhoneJpeg {

    private PhoneJpeg() {}

    /** JPEG bytes holding {@code upright} as a phone would store it with {@code orientation} (1, 3, 6 or 8). */
    static byte[] encode(BufferedImage upright, int orientation, float quality) throws IOException {
        byte[] jpeg = jpeg(stored(upright, orientation), quality);
        int rest = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            rest = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 40);
        out.write(jpeg, 0, 2);
        out.write(exif(orientation));
        out.write(jpeg, rest, jpeg.length - rest);
        return out.toByteArray();
    }

    /** The sensor's pixels: what, turned as {@code orientation} says, shows {@code upright}. */
    static BufferedImage stored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean sideways = orientation == 6 || orientation == 8;
        BufferedImage stored = new BufferedImage(sideways ? h : w, sideways ? w : h, upright.getType());
        for (int sy = 0; sy < stored.getHeight(); sy++) {
            for (int sx = 0; sx < stored.getWidth(); sx++) {
                // Where the viewer shows the stored pixel (sx, sy), on a stored image W wide and H tall.
                int dx;
                int dy;
                switch (orientation) {
                    case 1 -> { dx = sx; dy = sy; }
                    case 3 -> { dx = w - 1 - sx; dy = h - 1 - sy; }
                    case 6 -> { dx = stored.getHeight() - 1 - sy; dy = sx; }
                    case 8 -> { dx = sy; dy = stored.getWidth() - 1 - sx; }
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
                stored.setRGB(sx, sy, upright.getRGB(dx, dy));
            }
        }
        return stored;
    }

    /** An APP1 segment: "Exif", a big-endian TIFF header and one directory with the orientation alone. */
    private static byte[] exif(int orientation) {
        return new byte[] {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
