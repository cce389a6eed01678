package dev.digits.model.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Image files and bytes into images, within limits: the four formats digits reads, no more pixels
 * than asked, large images read at reduced resolution, JPEGs turned upright as their EXIF says (as
 * phones store photos and browsers show them). Every refusal is an {@link InvalidImageException}
 * naming the problem; {@link DigitImages} then makes the image MNIST-like.
 */
public final class ImageDecoder {

    /**
     * Images are decoded with at most about this many pixels on their longer side: the digit ends
     * up 20 pixels tall, and a 16-megapixel photo decoded whole would cost over 100 MB of memory.
     */
    static final int DECODED_SIDE = 512;
    /** Images larger than this are refused before they are decoded: 16 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 16L << 20;

    private ImageDecoder() {}

    /**
     * Decodes PNG, JPEG, GIF or BMP bytes, refusing images of more than {@code maxPixels} pixels
     * before decoding them (a small file can hold a huge image). Large images are read at reduced
     * resolution, every n-th pixel of every n-th row, so that the longer side keeps at least
     * {@value #DECODED_SIDE} pixels. A JPEG is turned and mirrored as its EXIF orientation says.
     */
    public static BufferedImage decode(byte[] bytes, long maxPixels) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "the image is empty");
        }
        // In memory: ImageIO's default stream caches every request in a temporary file.
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE,
                        "the data is not an image in a known format (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(format)) {
                // ImageIO knows more (TIFF, WBMP), with depths and encodings no one here has tried.
                reader.dispose();
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "the image is in "
                        + format.toUpperCase(Locale.ROOT) + " format; digits reads PNG, JPEG, GIF and BMP");
            }
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > maxPixels) {
                    throw new InvalidImageException(InvalidImageException.Reason.TOO_LARGE, "the image is " + width
                            + "x" + height + " pixels; at most " + maxPixels + " pixels are accepted");
                }
                ImageReadParam subsampled = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.max(width, height) / DECODED_SIDE);
                subsampled.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, subsampled);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "the image is empty");
                }
                return format.equals("jpeg") ? ExifOrientation.upright(image, ExifOrientation.of(bytes)) : image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE,
                    "the image cannot be decoded (damaged or truncated): " + e.getMessage(), e);
        }
    }

    /** The formats digits reads, as ImageIO's readers name them. */
    private static final java.util.Set<String> FORMATS = java.util.Set.of("png", "jpeg", "gif", "bmp");

    /** Image files larger than this are not read into memory: 64 MiB. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /**
     * Reads an image file and decodes it as {@link #decode} does.
     *
     * @throws InvalidImageException if the file is missing, unreadable, too large or not an image
     */
    public static BufferedImage read(Path file, long maxPixels) {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "no such file or folder");
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidImageException(InvalidImageException.Reason.TOO_LARGE, "the file is " + size
                        + " bytes; at most " + MAX_FILE_BYTES + " are read");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE,
                    "cannot read the file: " + e.getMessage(), e);
        }
        return decode(bytes, maxPixels);
    }
}
