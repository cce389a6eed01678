package dev.digits.model.zoo;

import ai.djl.translate.TranslatorContext;
import dev.digits.model.inference.DigitImages;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.InvalidImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image file (PNG, JPEG, GIF or BMP) of a digit in, the ten digits' probabilities out; images
 * of more than {@link DigitRecognizer#DEFAULT_MAX_PIXELS} pixels are refused before decoding.
 */
public final class DigitFileTranslator extends DigitInputTranslator<Path> {

    @Override
    float[] toPixels(TranslatorContext ctx, Path file) {
        return read(file);
    }

    private static float[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE,
                    "cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return DigitImages.toMnistPixels(DigitImages.decode(bytes, DigitRecognizer.DEFAULT_MAX_PIXELS));
        } catch (InvalidImageException e) {
            throw new InvalidImageException(e.reason(), file + ": " + e.getMessage(), e);
        }
    }
}
