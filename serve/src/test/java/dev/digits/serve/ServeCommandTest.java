package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up with a missing or damaged model folder ends with one line and exit code 1. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ServeCommand.run(args);
            return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void missingFolder() {
        String[] result = run(dir.resolve("none").toString(), "--port", "0");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("does not exist").doesNotContain("\tat ");
    }

    @Test
    void damagedOrOutdatedFolder() throws Exception {
        Files.writeString(dir.resolve("serving.properties"), "digitsFormat=2\narchitecture=seed-cnn\n");
        String[] result = run(dir.toString(), "--port", "0");
        assertThat(result[0]).isEqualTo("1");
        // Its factories are the first thing checked: without them DJL would look for code in the folder.
        assertThat(result[1]).contains("serving.properties has no blockFactory").doesNotContain("\tat ");

        Files.delete(dir.resolve("serving.properties"));
        Files.writeString(dir.resolve("metadata.json"), "{\"formatVersion\": 1, \"paramsFile\": \"digits-0001.params\","
                + " \"paramsSha256\": \"00\"}");
        result = run(dir.toString(), "--port", "0");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("format 1").contains("digits upgrade " + dir).doesNotContain("\tat ");
    }

    @Test
    void badOptions() {
        String[] result = run(dir.toString(), "--max-batch", "0");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("the largest batch must be between 1 and 1024");
        result = run(dir.toString(), "--max-marks", "0");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("--max-marks must be at least 1, got 0").doesNotContain("\tat ");
        result = run(dir.toString(), "--max-decodes", "0");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("the decode limit must be between 1 and 1024");
        result = run(dir.toString(), "--max-images", "600");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("the images limit must be between 1 and the queue limit (512), got 600");
        result = run(dir.toString(), "--min-upload-rate", "-1");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("the upload rate must be 0 (no minimum) or more");
        // The same policy as digits: a value that is not a number is 1, an unknown option is 2.
        result = run(dir.toString(), "--port", "many");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("Invalid value for option '--port'").doesNotContain("\tat ");
        result = run(dir.toString(), "--no-such-flag");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).contains("Unknown option: '--no-such-flag'");
    }
    @Test
    void maxMarksReachesTheServer() throws Exception {
        int[] labels = new int[4];
        float[][] digits = ServedModel.testImages(4, labels);
        java.awt.image.BufferedImage four = new java.awt.image.BufferedImage(176, 44,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int d = 0; d < 4; d++) {
            for (int p = 0; p < 784; p++) {
                four.getRaster().setSample(8 + 40 * d + p % 28, 8 + p / 28, 0, Math.round(255 * digits[d][p]));
            }
        }
        byte[] png = DigitServerTest.png(four);
        try (ServerProcess server = ServerProcess.start(ServedModel.folder(), java.util.List.of(), "--max-marks", "3")) {
            java.net.http.HttpResponse<String> answer = server.http.send(java.net.http.HttpRequest
                    .newBuilder(server.uri("/numbers")).header("Content-Type", "image/png")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("more than 3 separate marks");
        }
    }
}
