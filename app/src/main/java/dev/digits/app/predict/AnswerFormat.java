package dev.digits.app.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.digits.model.inference.AnswerFields;
import dev.digits.model.nn.DigitNetwork;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How {@code digits predict} writes its answers. */
public enum AnswerFormat {
    /** One line per file: {@code path: 7 (99.8%)}, or {@code path: error: ...}. */
    TEXT,
    /**
     * A header, then path, digit, confidence, p0 to p9 and error per file; for numbers path,
     * number, confidence, digits (as JSON) and error.
     */
    CSV,
    /**
     * One JSON object per line: path, digit, confidence, probabilities; for numbers path, number,
     * confidence and digits (digit, confidence, box); or path and error.
     */
    JSONL;

    /** Writes the JSON lines and a number's digits in CSV; made once, as Jackson's mappers are meant to be. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes answers one at a time to a writer, which the caller closes. */
    public interface Output extends AutoCloseable {
        void write(FileAnswer answer) throws IOException;

        @Override
        void close() throws IOException;
    }

    /**
     * @param numbers whether the answers are numbers ({@code --numbers}), which have their own columns
     */
    public Output open(Writer out, boolean numbers) throws IOException {
        return switch (this) {
            case TEXT -> new Output() {
                @Override
                public void write(FileAnswer answer) throws IOException {
                    String text;
                    if (!answer.ok()) {
                        text = "error: " + answer.error();
                    } else if (answer.number() != null) {
                        text = String.format(Locale.ROOT, "%s (%.1f%%)", answer.number().number(),
                                answer.number().confidence() * 100);
                    } else {
                        text = String.format(Locale.ROOT, "%d (%.1f%%)", answer.prediction().digit(),
                                answer.prediction().confidence() * 100);
                    }
                    out.write(answer.file() + ": " + text + System.lineSeparator());
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
            case CSV -> {
                CsvSchema.Builder schema = CsvSchema.builder().addColumn(AnswerFields.PATH);
                if (numbers) {
                    schema.addColumn(AnswerFields.NUMBER).addColumn(AnswerFields.CONFIDENCE)
                            .addColumn(AnswerFields.DIGITS);
                } else {
                    schema.addColumn(AnswerFields.DIGIT).addColumn(AnswerFields.CONFIDENCE);
                    for (int d = 0; d < DigitNetwork.CLASSES; d++) {
                        schema.addColumn(AnswerFields.probabilityColumn(d));
                    }
                }
                schema.addColumn(AnswerFields.ERROR);
                yield sequence(new CsvMapper().writer(schema.build().withHeader()).writeValues(out), numbers);
            }
            case JSONL -> new Output() {
                @Override
                public void write(FileAnswer answer) throws IOException {
                    out.write(JSON.writeValueAsString(object(answer)) + System.lineSeparator());
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        };
    }

    private static Output sequence(SequenceWriter writer, boolean numbers) {
        return new Output() {
            @Override
            public void write(FileAnswer answer) throws IOException {
                writer.write(row(answer, numbers));
            }

            @Override
            public void close() throws IOException {
                writer.flush();
            }
        };
    }

    /** A CSV row: every column, empty where there is nothing to say. */
    private static Map<String, Object> row(FileAnswer answer, boolean numbers) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(AnswerFields.PATH, answer.file().toString());
        if (numbers) {
            row.put(AnswerFields.NUMBER, answer.ok() ? answer.number().number() : "");
            row.put(AnswerFields.CONFIDENCE, answer.ok() ? answer.number().confidence() : "");
            // CSV holds no lists: the number's digits as one JSON text.
            row.put(AnswerFields.DIGITS, answer.ok()
                    ? JSON.writeValueAsString(AnswerFields.digits(answer.number(), false, false)) : "");
            row.put(AnswerFields.ERROR, answer.ok() ? "" : answer.error());
            return row;
        }
        row.put(AnswerFields.DIGIT, answer.ok() ? answer.prediction().digit() : "");
        row.put(AnswerFields.CONFIDENCE, answer.ok() ? answer.prediction().confidence() : "");
        float[] probabilities = answer.ok() ? answer.prediction().probabilities() : null;
        for (int d = 0; d < DigitNetwork.CLASSES; d++) {
            row.put(AnswerFields.probabilityColumn(d), probabilities == null ? "" : probabilities[d]);
        }
        row.put(AnswerFields.ERROR, answer.ok() ? "" : answer.error());
        return row;
    }

    /** A JSON object: the path and the answer's fields, or the path and the error. */
    private static Map<String, Object> object(FileAnswer answer) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(AnswerFields.PATH, answer.file().toString());
        if (answer.ok() && answer.number() != null) {
            object.putAll(AnswerFields.number(answer.number(), false, false));
        } else if (answer.ok()) {
            object.putAll(AnswerFields.digit(answer.prediction()));
        } else {
            object.put(AnswerFields.ERROR, answer.error());
        }
        return object;
    }
}
