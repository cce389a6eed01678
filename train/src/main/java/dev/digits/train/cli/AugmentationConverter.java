package dev.digits.train.cli;

import dev.digits.train.augment.Augmentation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --augment}, saying what is allowed when a value is not. */
final class AugmentationConverter implements ITypeConverter<Augmentation> {

    @Override
    public Augmentation convert(String value) {
        try {
            return Augmentation.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
