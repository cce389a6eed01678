package dev.digits.app.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.digits.model.inference.NumberReading;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static final String[] PROBABILITIES = {"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"};

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
                CsvSchema.Builder schema = CsvSchema.builder().addColumn("path");
                if (numbers) {
                    schema.addColumn("number").addColumn("confidence").addColumn("digits");
                } else {
                    schema.addColumn("digit").addColumn("confidence");
                    for (String p : PROBABILITIES) {
                        schema.addColumn(p);
                    }
                }
                schema.addColumn("error");
                yield sequence(new CsvMapper().writer(schema.build().withHeader()).writeValues(out), numbers);
            }
            case JSONL -> new Output() {
                private final ObjectMapper json = new ObjectMapper();

                @Override
                public void write(FileAnswer answer) throws IOException {
                    out.write(json.writeValueAsString(object(answer)) + System.lineSeparator());
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
        row.put("path", answer.file().toString());
        if (numbers) {
            row.put("number", answer.ok() ? answer.number().number() : "");
            row.put("confidence", answer.ok() ? answer.number().confidence() : "");
            row.put("digits", answer.ok() ? new ObjectMapper().writeValueAsString(digits(answer.number())) : "");
            row.put("error", answer.ok() ? "" : answer.error());
            return row;
        }
        row.put("digit", answer.ok() ? answer.prediction().digit() : "");
        row.put("confidence", answer.ok() ? answer.prediction().confidence() : "");
        float[] probabilities = answer.ok() ? answer.prediction().probabilities() : null;
        for (int d = 0; d < PROBABILITIES.length; d++) {
            row.put(PROBABILITIES[d], probabilities == null ? "" : probabilities[d]);
        }
        row.put("error", answer.ok() ? "" : answer.error());
        return row;
    }

    /** Each digit of a number: the digit, its confidence and its box. */
    private static List<Map<String, Object>> digits(NumberReading number) {
        List<Map<String, Object>> digits = new ArrayList<>();
        for (NumberReading.DigitInNumber digit : number.digits()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("digit", digit.digit());
            item.put("confidence", digit.confidence());
            item.put("box", digit.box());
            digits.add(item);
        }
        return digits;
    }

    /** A JSON object: the answer's fields, or the path and the error. */
    private static Map<String, Object> object(FileAnswer answer) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("path", answer.file().toString());
        if (answer.ok() && answer.number() != null) {
            object.put("number", answer.number().number());
            object.put("confidence", answer.number().confidence());
            object.put("digits", digits(answer.number()));
        } else if (answer.ok()) {
            object.put("digit", answer.prediction().digit());
            object.put("confidence", answer.prediction().confidence());
            object.put("probabilities", answer.prediction().probabilities());
        } else {
            object.put("error", answer.error());
        }
        return object;
    }
}
