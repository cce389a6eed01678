package dev.digits.app;

import dev.digits.model.nn.Architecture;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.training.LearningRateSchedule;
import dev.digits.train.training.Recipe;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option with its type's own {@code parse}, whose message, saying what is allowed, becomes
 * picocli's one-line "Invalid value" error. picocli needs a class per type: the nested ones.
 */
abstract class ParsingConverter<T> implements ITypeConverter<T> {

    private final Function<String, T> parse;

    ParsingConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code --architecture}, by the trainable architectures' own names. */
    static final class ForArchitecture extends ParsingConverter<Architecture> {
        ForArchitecture() {
            super(Architecture::parseTrainable);
        }
    }

    /** {@code --recipe}. */
    static final class ForRecipe extends ParsingConverter<Recipe> {
        ForRecipe() {
            super(Recipe::parse);
        }
    }

    /** {@code --augment}. */
    static final class ForAugmentation extends ParsingConverter<Augmentation> {
        ForAugmentation() {
            super(Augmentation::parse);
        }
    }

    /** {@code --schedule}. */
    static final class ForSchedule extends ParsingConverter<LearningRateSchedule> {
        ForSchedule() {
            super(LearningRateSchedule::parse);
        }
    }
}
