package dev.digits.train.cli;

import dev.digits.train.training.LearningRateSchedule;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --schedule}, saying what is allowed when a value is not. */
final class LearningRateScheduleConverter implements ITypeConverter<LearningRateSchedule> {

    @Override
    public LearningRateSchedule convert(String value) {
        try {
            return LearningRateSchedule.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
