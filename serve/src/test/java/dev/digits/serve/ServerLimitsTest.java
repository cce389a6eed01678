package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.model.inference.Prediction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What a careless or hostile client can and cannot make the server do: every body is bounded
 * whatever its framing, every request's work is bounded before it is done, a slow upload neither
 * holds a thread for long nor holds up other requests' batches, overload is a quick 503, and
 * pages of other sites may not post.
 */
class ServerLimitsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SMALL_BODY = 64 * 1024;

    private static HttpResponse<String> post(DigitServer server, String path, String type, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String type(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body()).get("type").asText();
    }

    /**
     * Sends headers and then chunks of a body without ever ending it, and returns the status line
     * the server answers with. A server that read the whole body would wait for its end, and the
     * read would time out.
     */
    private static String statusOfAnEndlessChunkedBody(DigitServer server, String type, int chunks)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predictions HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: " + type
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) '1');
            try {
                for (int i = 0; i < chunks; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException answeredAndClosed) {
                // The server stopped reading: what it said is on the way back.
            }
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void aBodyWithoutALengthIsReadNoFurtherThanTheLimit() throws Exception {
        try (DigitServer server = DigitServer.start(ServedModel.recognizer(),
                ServerOptions.defaults().withPort(0).withMaxBodyBytes(SMALL_BODY))) {
            // Eight times the limit, never ended: the answer must come before the end that never comes.
            assertThat(statusOfAnEndlessChunkedBody(server, "image/png", 32)).contains(" 413 ");
            assertThat(statusOfAnEndlessChunkedBody(server, "application/json", 32)).contains(" 413 ");
            assertThat(statusOfAnEndlessChunkedBody(server, "multipart/form-data; boundary=x", 32))
                    .containsAnyOf(" 413 ", " 400 ");
            // Still serving.
            HttpResponse<String> ok = post(server, "/predictions", "application/json",
                    DigitServerTest.pixelsJson(ServedModel.testImages(1, new int[1])[0]));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(server.metricsText()).contains("digits_rejections_total{reason=\"too_large\"}");
        }
    }

    @Test
    void aRequestsImagesAndItsJsonAreBoundedBeforeTheyAreBuilt() throws Exception {
        try (DigitServer server = DigitServer.start(ServedModel.recognizer(),
                ServerOptions.defaults().withPort(0).withQueue(8, 64))) {
            // Four megabytes of empty images: refused by the parser's budget, not built into a tree.
            StringBuilder empties = new StringBuilder("{\"batch\": [[]");
            while (empties.length() < 4_000_000) {
                empties.append(",[]");
            }
            HttpResponse<String> empty = post(server, "/predictions", "application/json", empties.append("]}").toString());
            assertThat(empty.statusCode()).isEqualTo(413);
            assertThat(type(empty)).isEqualTo("too_large");

            float[] digit = ServedModel.testImages(1, new int[1])[0];
            String one = DigitServerTest.pixelsJson(digit).replace("{\"pixels\": ", "");
            one = one.substring(0, one.length() - 1);
            StringBuilder nine = new StringBuilder("{\"batch\": [").append(one);
            for (int i = 1; i < 9; i++) {
                nine.append(',').append(one);
            }
            HttpResponse<String> tooMany = post(server, "/predictions?pixels=true", "application/json",
                    nine.append("]}").toString());
            assertThat(tooMany.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(tooMany.body()).get("message").asText()).contains("at most 8");
            String eight = nine.toString().replace("," + one + "]}", "]}");
            HttpResponse<String> fits = post(server, "/predictions?pixels=true", "application/json", eight);
            assertThat(fits.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(fits.body())).hasSize(8);
        }
    }

    @Test
    void aFullQueueIsAQuick503AndARequestThatGaveUpLeavesIt() throws Exception {
        CountDownLatch firstPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> passes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Function<List<float[]>, List<Prediction>> held = images -> {
            passes.add(images.size());
            firstPass.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Prediction> answers = new ArrayList<>();
            images.forEach(image -> answers.add(Prediction.of(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
            return answers;
        };
        // One worker (one predictor), four images of room in the queue.
        try (dev.digits.model.inference.DigitRecognizer one = dev.digits.model.inference.DigitRecognizer
                        .builder(ServedModel.folder()).optRuntime(ServedModel.runtime()).optPoolSize(1).build();
                DigitServer server = DigitServer.start(one, held, ServerOptions.defaults().withPort(0).withQueue(4, 4))) {
            // The warm-up pass holds the only worker.
            assertThat(firstPass.await(30, TimeUnit.SECONDS)).isTrue();
            String digit = DigitServerTest.pixelsJson(ServedModel.testImages(1, new int[1])[0]);
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiting.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/predictions")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(digit)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            // Wait until the four are queued: the fifth has no room.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!server.metricsText().contains("digits_batch_queue_images 4.0")) {
                assertThat(System.nanoTime()).as("four images queued").isLessThan(deadline);
                Thread.sleep(10);
            }
            long asked = System.nanoTime();
            HttpResponse<String> refused = post(server, "/predictions", "application/json", digit);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(type(refused)).isEqualTo("busy");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - asked)).as("seconds to refuse").isLessThan(5);
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> answer : waiting) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aTrickledBodyIsDroppedAndDoesNotHoldUpOtherRequestsBatches() throws Exception {
        // Batches would wait ten seconds for a request still arriving, were it counted as one.
        ServerOptions options = new ServerOptions("127.0.0.1", 0, ServerOptions.DEFAULT_MAX_BODY_BYTES,
                ServerOptions.DEFAULT_MAX_PIXELS, 32, 10_000, 2, 16, 64, 4096);
        try (DigitServer server = DigitServer.start(ServedModel.recognizer(), options);
                Socket trickle = new Socket("127.0.0.1", server.port())) {
            trickle.setSoTimeout(30_000);
            OutputStream out = trickle.getOutputStream();
            out.write(("POST /predictions HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 100000"
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100]);
            out.flush();
            // Meanwhile another client's request is answered at once, not after the batch wait.
            long asked = System.nanoTime();
            HttpResponse<String> other = post(server, "/predictions", "application/json",
                    DigitServerTest.pixelsJson(ServedModel.testImages(1, new int[1])[0]));
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).as("ms to answer").isLessThan(5_000);
            // A hundred bytes a second, where the server waits for 4 KiB a second: dropped with a 408.
            String status = null;
            try {
                for (int i = 0; i < 100; i++) {
                    Thread.sleep(250);
                    out.write(new byte[25]);
                    out.flush();
                }
            } catch (IOException dropped) {
                // The server closed the connection.
            }
            status = new BufferedReader(new InputStreamReader(trickle.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).contains(" 408 ");
        }
    }

    @Test
    void pagesOfOtherSitesMayNotPost() throws Exception {
        try (DigitServer server = DigitServer.start(ServedModel.recognizer(), ServerOptions.defaults().withPort(0))) {
            String digit = DigitServerTest.pixelsJson(ServedModel.testImages(1, new int[1])[0]);
            HttpResponse<String> foreign = post(server, "/predictions", "application/json", digit, "Origin",
                    "https://evil.example");
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(type(foreign)).isEqualTo("cross_origin");
            assertThat(post(server, "/numbers", "image/png", "x", "Origin", "null").statusCode()).isEqualTo(403);
            // Its own page, and clients that are not browsers (no Origin), may.
            assertThat(post(server, "/predictions", "application/json", digit, "Origin",
                    "http://127.0.0.1:" + server.port()).statusCode()).isEqualTo(200);
            assertThat(post(server, "/predictions", "application/json", digit).statusCode()).isEqualTo(200);
        }
    }
}
