package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM to a real server process: it stops taking requests, answers the one in flight, exits. */
class ServerShutdownTest {

    /** Enough images that answering them takes seconds, so SIGTERM lands while they are in flight. */
    private static final int IMAGES = 2048;

    @Test
    void sigtermFinishesTheRequestInFlightAndRefusesNewOnes() throws Exception {
        Path model = ServedModel.folder();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("digits-serve-sigterm", ".log");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch",
                ServeCommand.class.getName(), model.toString(), "--port", Integer.toString(port),
                "--max-body", Integer.toString(64 << 20))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!isUp(http, base) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(process.isAlive()).as(Files.readString(log)).isTrue();

            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/predictions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(batchJson(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);
            assertThat(inFlight).as("the batch is still being answered when SIGTERM is sent").isNotDone();
            process.destroy();
            Thread.sleep(300);
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .as("a new request after SIGTERM")
                    .isInstanceOf(IOException.class);

            HttpResponse<String> answer = inFlight.get(120, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode predictions = new ObjectMapper().readTree(answer.body());
            assertThat(predictions.size()).isEqualTo(IMAGES);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(143);
            String waitPolicy = System.getenv().getOrDefault("OMP_WAIT_POLICY", "PASSIVE");
            assertThat(output).contains("OpenMP wait policy " + waitPolicy)
                    .contains("Stopping").doesNotContain("Exception").doesNotContain("hs_err");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static boolean isUp(HttpClient http, String base) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String batchJson() throws IOException {
        int[] labels = new int[100];
        List<float[]> digits = List.of(ServedModel.testImages(100, labels));
        StringBuilder json = new StringBuilder("{\"batch\": [");
        for (int i = 0; i < IMAGES; i++) {
            json.append(i == 0 ? "[" : ",[");
            float[] pixels = digits.get(i % digits.size());
            for (int p = 0; p < pixels.length; p++) {
                json.append(p == 0 ? "" : ",").append(pixels[p] == 0 ? "0" : Float.toString(pixels[p]));
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }
}
