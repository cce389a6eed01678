package dev.digits.model.zoo;

import ai.djl.translate.TranslatorContext;
import dev.digits.model.image.DigitImages;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.image.InvalidImageException;
import java.nio.file.Path;

/**
 * An image file (PNG, JPEG, GIF or BMP) of a digit in, the ten digits' probabilities out; images
 * of more than {@link ImageDecoder#DEFAULT_MAX_PIXELS} pixels are refused before decoding.
 */
public final class DigitFileTranslator extends DigitInputTranslator<Path> {

    @Override
    float[] toPixels(TranslatorContext ctx, Path file) {
        return read(file);
    }

    private static float[] read(Path file) {
        try {
            return DigitImages.toMnistPixels(ImageDecoder.read(file, ImageDecoder.DEFAULT_MAX_PIXELS));
        } catch (InvalidImageException e) {
            throw new InvalidImageException(e.reason(), file + ": " + e.getMessage(), e);
        }
    }
}
