package dev.digits.model.inference;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns real images into MNIST-style input, as the MNIST digits were made: grey levels, ink light
 * on a dark background, the digit's bounding box scaled to fit 20x20 keeping its aspect ratio,
 * then placed in 28x28 so that its centre of mass is at the centre.
 */
public final class DigitImages {

    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    private static final int BOX = 20;
    /** A pixel is ink when it is at least this bright after inversion, relative to the brightest. */
    private static final float INK_THRESHOLD = 0.2f;

    private DigitImages() {}

    /**
     * Decodes PNG, JPEG, GIF or BMP bytes, refusing images of more than {@code maxPixels} pixels
     * before decoding them (a small file can hold a huge image).
     */
    public static BufferedImage decode(byte[] bytes, long maxPixels) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "the image is empty");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE,
                        "the data is not an image in a known format (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > maxPixels) {
                    throw new InvalidImageException(InvalidImageException.Reason.TOO_LARGE, "the image is " + width
                            + "x" + height + " pixels; at most " + maxPixels + " pixels are accepted");
                }
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "the image is empty");
                }
                return image;
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

    /** MNIST-style pixels of any image: 784 values in [0, 1], ink bright, row by row. */
    public static float[] toMnistPixels(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                float alpha = image.getColorModel().hasAlpha() ? ((argb >>> 24) & 0xFF) / 255f : 1f;
                float luminance = (0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF)
                        + 0.114f * (argb & 0xFF)) / 255f;
                // Composite onto white paper: a drawing on a transparent canvas is ink on nothing.
                grey[y * width + x] = 1 - alpha * (1 - luminance);
            }
        }
        // Dark ink on light paper (the border is mostly light): invert to MNIST's light ink on dark.
        if (meanOfBorder(grey, width, height) > 0.5f) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 1 - grey[i];
            }
        }
        if (width == SIDE && height == SIDE) {
            // Already an MNIST-format digit: keep it exactly as it is.
            return grey;
        }
        return centre(grey, width, height);
    }

    private static float meanOfBorder(float[] grey, int width, int height) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < width; x++) {
            sum += grey[x] + grey[(height - 1) * width + x];
            n += 2;
        }
        for (int y = 0; y < height; y++) {
            sum += grey[y * width] + grey[y * width + width - 1];
            n += 2;
        }
        return (float) (sum / n);
    }

    private static float[] centre(float[] grey, int width, int height) {
        float max = 0;
        for (float v : grey) {
            max = Math.max(max, v);
        }
        if (max <= 0) {
            return new float[PIXELS];
        }
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (grey[y * width + x] >= INK_THRESHOLD * max) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = (double) BOX / Math.max(boxWidth, boxHeight);
        int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
        int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));

        BufferedImage crop = new BufferedImage(boxWidth, boxHeight, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                int level = Math.round(Math.min(1f, grey[(top + y) * width + left + x] / max) * 255);
                crop.getRaster().setSample(x, y, 0, level);
            }
        }
        BufferedImage scaled = new BufferedImage(scaledWidth, scaledHeight, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(crop.getScaledInstance(scaledWidth, scaledHeight, java.awt.Image.SCALE_AREA_AVERAGING),
                    0, 0, null);
        } finally {
            g.dispose();
        }
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        float[] box = new float[scaledWidth * scaledHeight];
        for (int y = 0; y < scaledHeight; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                float v = scaled.getRaster().getSample(x, y, 0) / 255f;
                box[y * scaledWidth + x] = v;
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        double centreX = mass > 0 ? sumX / mass : (scaledWidth - 1) / 2.0;
        double centreY = mass > 0 ? sumY / mass : (scaledHeight - 1) / 2.0;
        int offsetX = (int) Math.round((SIDE - 1) / 2.0 - centreX);
        int offsetY = (int) Math.round((SIDE - 1) / 2.0 - centreY);
        float[] pixels = new float[PIXELS];
        for (int y = 0; y < scaledHeight; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                int tx = x + offsetX;
                int ty = y + offsetY;
                if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) {
                    pixels[ty * SIDE + tx] = box[y * scaledWidth + x];
                }
            }
        }
        return pixels;
    }

    /** Checks pixels sent as numbers: 784 finite values in [0, 1]. */
    public static float[] checkPixels(float[] pixels) {
        if (pixels == null || pixels.length != PIXELS) {
            throw new InvalidImageException(InvalidImageException.Reason.BAD_PIXELS,
                    "expected 784 pixels (28x28, row by row), got " + (pixels == null ? 0 : pixels.length));
        }
        for (int i = 0; i < pixels.length; i++) {
            float v = pixels[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new InvalidImageException(InvalidImageException.Reason.BAD_PIXELS,
                        "pixel " + i + " is " + v + "; pixels must be numbers from 0 (background) to 1 (ink)");
            }
        }
        return pixels;
    }
}
