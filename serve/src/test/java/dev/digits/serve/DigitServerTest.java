package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.model.inference.Prediction;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real HTTP against a server on a free port, with a model trained for the test. */
class DigitServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;
    private static float[][] digits;
    private static int[] labels;

    @BeforeAll
    static void start() throws IOException {
        base = "http://127.0.0.1:" + ServedModel.server().port();
        labels = new int[300];
        digits = ServedModel.testImages(300, labels);
    }

    record Answer(int status, JsonNode body, String contentType) {}

    static Answer send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException notJson) {
            // the page
        }
        return new Answer(response.statusCode(), json, response.headers().firstValue("Content-Type").orElse(""));
    }

    static byte[] png(BufferedImage image) throws IOException {
        return encode(image, "png");
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static BufferedImage mnistImage(float[] pixels) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            image.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        return image;
    }

    /** An MNIST digit made to look like an upload: dark on light, three times larger, off-centre. */
    static BufferedImage upload(float[] pixels, int index) {
        BufferedImage canvas = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(245, 243, 235));
        g.fillRect(0, 0, 200, 160);
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 784; i++) {
            int ink = Math.round(245 - pixels[i] * 220);
            digit.setRGB(i % 28, i / 28, new Color(ink, ink, Math.min(255, ink + 5)).getRGB());
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(digit, 10 + (index * 37) % 100, 5 + (index * 23) % 70, 84, 84, null);
        g.dispose();
        return canvas;
    }

    static String pixelsJson(float[] pixels) {
        StringBuilder json = new StringBuilder("{\"pixels\": [");
        for (int i = 0; i < pixels.length; i++) {
            json.append(i == 0 ? "" : ",").append(pixels[i]);
        }
        return json.append("]}").toString();
    }

    @Test
    void pingModelsAndThePage() throws Exception {
        JsonNode ping = send("GET", "/ping", null, null).body();
        assertThat(ping.get("status").asText()).isEqualTo("ok");
        assertThat(ping.get("requestsInFlight").asInt()).isZero();
        JsonNode models = send("GET", "/models", null, null).body().get(0);
        assertThat(models.get("engine").asText()).isEqualTo("PyTorch");
        assertThat(models.get("engineVersion").asText()).isEqualTo(ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        assertThat(models.get("device").asText()).isEqualTo("cpu()");
        assertThat(models.get("testAccuracy").asDouble()).isGreaterThan(0.9);
        Answer page = send("GET", "/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
    }

    @Test
    void aPngAJsonAndAFormUploadGetTheSameAnswer() throws Exception {
        float[] pixels = digits[0];
        Prediction expected = ServedModel.recognizer().predict(pixels);
        Answer fromPng = send("POST", "/predictions", "image/png", png(mnistImage(pixels)));
        Answer fromJson = send("POST", "/predictions", "application/json",
                pixelsJson(pixels).getBytes(StandardCharsets.UTF_8));
        String boundary = "digits-test-boundary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(png(mnistImage(pixels)));
        form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Answer fromForm = send("POST", "/predictions", "multipart/form-data; boundary=" + boundary,
                form.toByteArray());
        for (Answer answer : List.of(fromPng, fromJson, fromForm)) {
            assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
            assertThat(answer.body().get("digit").asInt()).isEqualTo(expected.digit()).isEqualTo(labels[0]);
            assertThat(answer.body().get("probabilities")).hasSize(10);
            // The same fields, in the same order, as digits predict writes (AnswerFields).
            assertThat(answer.body().fieldNames()).toIterable().containsExactly("digit", "confidence", "probabilities");
            assertThat(answer.body().get("confidence").floatValue())
                    .isEqualTo(answer.body().get("probabilities").get(expected.digit()).floatValue());
        }
    }

    @Test
    void aBatchAnswersAList() throws Exception {
        String body = "{\"batch\": [" + pixelsJson(digits[1]).replace("{\"pixels\": ", "").replace("]}", "]")
                + "," + pixelsJson(digits[2]).replace("{\"pixels\": ", "").replace("]}", "]") + "]}";
        Answer answer = send("POST", "/predictions", "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        assertThat(answer.body()).hasSize(2);
        assertThat(answer.body().get(0).get("digit").asInt()).isEqualTo(ServedModel.recognizer().predict(digits[1]).digit());
        assertThat(answer.body().get(1).get("digit").asInt()).isEqualTo(ServedModel.recognizer().predict(digits[2]).digit());
    }

    static void assertClientError(Answer answer, int status, String type, String message) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body().get("code").asInt()).isEqualTo(status);
        assertThat(answer.body().get("type").asText()).isEqualTo(type);
        assertThat(answer.body().get("message").asText()).contains(message);
    }

    /** A PNG header claiming a huge image, the start of a decompression bomb. */
    static byte[] pngClaiming(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 25);
        buffer.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        buffer.putInt(13);
        int start = buffer.position();
        buffer.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), start, 17);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    @Test
    void everyBadInputGetsAFourHundredWithAReason() throws Exception {
        byte[] good = png(mnistImage(digits[3]));
        assertClientError(send("POST", "/predictions", "image/png", new byte[0]), 400, "bad_image", "empty");
        assertClientError(send("POST", "/predictions", "image/png", "not an image".getBytes()), 400, "bad_image",
                "not an image");
        assertClientError(send("POST", "/predictions", "image/png", Arrays.copyOf(good, good.length / 2)), 400,
                "bad_image", "cannot be decoded");
        assertClientError(send("POST", "/predictions", "image/png", new byte[2 << 20]), 413, "too_large",
                "bytes");
        assertClientError(send("POST", "/predictions", "image/png", pngClaiming(50_000, 50_000)), 413, "too_large",
                "50000x50000");
        assertClientError(send("POST", "/predictions", "application/json", "{\"pixels\": [1, 2".getBytes()), 400,
                "bad_json", "not valid JSON");
        assertClientError(send("POST", "/predictions", "application/json", "{\"image\": 3}".getBytes()), 400,
                "bad_json", "expected {\"pixels\"");
        assertClientError(send("POST", "/predictions", "application/json", "{\"pixels\": [0.5]}".getBytes()), 400,
                "bad_pixels", "expected 784 pixels");
        float[] bright = digits[3].clone();
        bright[9] = 3f;
        assertClientError(send("POST", "/predictions", "application/json",
                pixelsJson(bright).getBytes(StandardCharsets.UTF_8)), 400, "bad_pixels", "pixel 9 is 3.0");
        assertClientError(send("POST", "/predictions", "application/json",
                pixelsJson(digits[3]).replaceFirst("0\\.0", "NaN").getBytes(StandardCharsets.UTF_8)), 400,
                "bad_json", "not valid JSON");
        assertClientError(send("POST", "/predictions", "application/json",
                pixelsJson(digits[3]).replaceFirst("0\\.0", "\"x\"").getBytes(StandardCharsets.UTF_8)), 400,
                "bad_pixels", "not a number");
        BufferedImage emptyCanvas = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = emptyCanvas.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 280, 280);
        g.dispose();
        assertClientError(send("POST", "/predictions", "image/png", png(emptyCanvas)), 422, "blank_image",
                "blank");
        assertClientError(send("POST", "/predictions", "application/json",
                pixelsJson(new float[784]).getBytes(StandardCharsets.UTF_8)), 422, "blank_image", "all 784 pixels are 0");
        assertClientError(send("POST", "/predictions", "text/plain", "7".getBytes()), 415, "unsupported_media_type",
                "text/plain");
        assertClientError(send("POST", "/predictions", "multipart/form-data", "xx".getBytes()), 400, "bad_request",
                "multipart form cannot be read");
        assertClientError(send("GET", "/nowhere", null, null), 404, "not_found", "/nowhere");
        assertClientError(send("GET", "/predictions", null, null), 405, "method_not_allowed", "GET");
        assertClientError(send("DELETE", "/ping", null, null), 405, "method_not_allowed", "DELETE");
        // Still up and right after all that.
        assertThat(send("POST", "/predictions", "image/png", good).body().get("digit").asInt())
                .isEqualTo(ServedModel.recognizer().predict(digits[3]).digit());
    }

    @Test
    void thirtyTwoThreadsGetTheSingleThreadedAnswers() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        List<Prediction> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            bodies.add(png(mnistImage(digits[i])));
            expected.add(ServedModel.recognizer().predict(digits[i]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 8; k++) {
                        int i = (thread * 5 + k) % bodies.size();
                        Answer answer = send("POST", "/predictions", "image/png", bodies.get(i));
                        if (answer.status() != 200 || answer.body().get("digit").asInt() != expected.get(i).digit()) {
                            return "image " + i + ": " + answer.status() + " " + answer.body();
                        }
                        float[] want = expected.get(i).probabilities();
                        for (int d = 0; d < 10; d++) {
                            if (Math.abs(answer.body().get("probabilities").get(d).floatValue() - want[d]) > 1e-4) {
                                return "image " + i + " digit " + d + " probability differs";
                            }
                        }
                    }
                    return "ok";
                }));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void uploadsOfMnistDigitsAreReadAsWellAsTheOriginals() throws Exception {
        int n = digits.length;
        int original = 0;
        int uploaded = 0;
        for (int i = 0; i < n; i++) {
            original += ServedModel.recognizer().predict(digits[i]).digit() == labels[i] ? 1 : 0;
            String format = i % 3 == 0 ? "jpg" : "png";
            Answer answer = send("POST", "/predictions", "image/" + (format.equals("jpg") ? "jpeg" : "png"),
                    encode(upload(digits[i], i), format));
            uploaded += answer.body().get("digit").asInt() == labels[i] ? 1 : 0;
        }
        double originalAccuracy = (double) original / n;
        double uploadAccuracy = (double) uploaded / n;
        assertThat(originalAccuracy).isGreaterThan(0.9);
        assertThat(uploadAccuracy).as("uploads %.3f vs originals %.3f", uploadAccuracy, originalAccuracy)
                .isGreaterThanOrEqualTo(originalAccuracy - 0.01);
    }
    /** Digits side by side, dark on light, 12 pixels apart: a number as written on paper. */
    static BufferedImage number(int... indices) {
        BufferedImage image = new BufferedImage(16 + 40 * indices.length, 44, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < image.getWidth() * image.getHeight(); i++) {
            image.getRaster().setSample(i % image.getWidth(), i / image.getWidth(), 0, 250);
        }
        for (int d = 0; d < indices.length; d++) {
            for (int p = 0; p < 784; p++) {
                image.getRaster().setSample(8 + 40 * d + p % 28, 8 + p / 28, 0,
                        Math.round(250 * (1 - digits[indices[d]][p])));
            }
        }
        return image;
    }

    @Test
    void numbersAreReadWholeAndBadOnesRefused() throws Exception {
        BufferedImage image = number(0, 1, 2, 3, 4, 5);
        String expected = ServedModel.recognizer().readNumber(image).number();
        Answer answer = send("POST", "/numbers", "image/png", png(image));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        assertThat(answer.body().get("number").asText()).isEqualTo(expected).hasSize(6);
        assertThat(answer.body().get("digits")).hasSize(6);
        assertThat(answer.body().get("digits").get(5).get("box").get(0).asInt()).isBetween(200, 240);
        assertThat(answer.body().get("confidence").asDouble()).isBetween(0.0, 1.0);

        BufferedImage blank = new BufferedImage(120, 40, BufferedImage.TYPE_BYTE_GRAY);
        assertClientError(send("POST", "/numbers", "image/png", png(blank)), 422, "blank_image", "blank");
        assertClientError(send("POST", "/numbers", "image/png", "not a png".getBytes()), 400, "bad_image",
                "not an image");
        assertClientError(send("POST", "/numbers", "application/json", "{}".getBytes()), 415,
                "unsupported_media_type", "send an image of a number");
        BufferedImage dots = new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 300; y += 10) {
            for (int x = 0; x < 300; x += 10) {
                dots.getRaster().setSample(x, y, 0, 255);
            }
        }
        assertClientError(send("POST", "/numbers", "image/png", png(dots)), 413, "too_large", "separate marks");
    }
}
