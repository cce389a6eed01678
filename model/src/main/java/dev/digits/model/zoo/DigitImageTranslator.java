package dev.digits.model.zoo;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslatorContext;
import dev.digits.model.image.DigitImages;
import java.awt.image.BufferedImage;

/**
 * A DJL {@link Image} of a digit in, the ten digits' probabilities out: the image of any size
 * and colours is made MNIST-style ({@link DigitImages#toMnistPixels}) and read by
 * {@link DigitPixelsTranslator}.
 */
public final class DigitImageTranslator extends DigitInputTranslator<Image> {

    @Override
    float[] toPixels(TranslatorContext ctx, Image input) {
        return DigitImages.toMnistPixels(bufferedImage(ctx, input));
    }

    /** The image as Java 2D holds it; DJL's default image factory wraps one already. */
    static BufferedImage bufferedImage(TranslatorContext ctx, Image image) {
        if (image.getWrappedImage() instanceof BufferedImage wrapped) {
            return wrapped;
        }
        // Another image factory (OpenCV): go through its pixels, height x width x RGB.
        int width = image.getWidth();
        int height = image.getHeight();
        NDArray rgb = image.toNDArray(ctx.getNDManager(), Image.Flag.COLOR).toType(DataType.INT32, false);
        int[] values = rgb.toIntArray();
        rgb.close();
        BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                copy.setRGB(x, y, (values[i] << 16) | (values[i + 1] << 8) | values[i + 2]);
            }
        }
        return copy;
    }
}
