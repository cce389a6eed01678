package dev.digits.model.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The project's JSON files (metadata, histories, evaluations, checkpoints, search settings): read
 * into a type with errors that name the file, written atomically and indented. Fields a file has
 * and its type does not are skipped, so that a newer digits' files stay readable.
 */
public final class JsonFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonFiles() {}

    /**
     * Reads a JSON file into a type.
     *
     * @throws InvalidFileException naming the file: missing, empty, unreadable or not of the type
     */
    public static <T> T read(Path file, Class<T> type) {
        try {
            T value = JSON.readValue(file.toFile(), type);
            if (value == null) {
                throw new InvalidFileException(file + " is empty (it holds JSON null).");
            }
            return value;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidFileException(file + " is missing.", e);
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(file + " is not a valid " + type.getSimpleName() + " file: "
                    + e.getOriginalMessage() + ".", e);
        } catch (InvalidFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file + " is not a valid " + type.getSimpleName() + " file: "
                    + e.getMessage() + ".", e);
        } catch (IOException e) {
            throw new InvalidFileException("cannot read " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /** Writes a value as JSON, atomically. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
