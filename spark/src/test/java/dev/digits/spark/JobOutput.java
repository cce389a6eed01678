package dev.digits.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a digits-spark run in this JVM printed and returned, and the rows of its JSON output. */
record JobOutput(int exitCode, String out, String err) {

    static synchronized JobOutput run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = DigitsSpark.run(args);
            return new JobOutput(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The rows of a JSON-lines output folder, in no particular order. */
    static List<JsonNode> jsonRows(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path part : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(part)) {
                    if (!line.isBlank()) {
                        rows.add(json.readTree(line));
                    }
                }
            }
        }
        return rows;
    }
}
