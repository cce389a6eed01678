package dev.digits.train.cli;

import dev.digits.model.nn.Architecture;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --architecture} by the architectures' own names, listing them when one is unknown. */
final class ArchitectureConverter implements ITypeConverter<Architecture> {

    @Override
    public Architecture convert(String value) {
        try {
            return Architecture.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The names, for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Architecture.values()).map(Architecture::id).iterator();
        }
    }
}
