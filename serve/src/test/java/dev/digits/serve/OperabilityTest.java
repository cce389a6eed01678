package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What people who run the server watch: readiness, Prometheus metrics and the API's description. */
class OperabilityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(DigitServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessFollowsTheWarmUpPassAndMetricsCountWhatWasServed() throws Exception {
        try (DigitServer server = DigitServer.start(ServedModel.recognizer(), ServerOptions.defaults().withPort(0))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (get(server, "/ready").statusCode() != 200) {
                assertThat(System.nanoTime()).as("ready within 60 s").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(get(server, "/ping").statusCode()).isEqualTo(200);
            String digit = DigitServerTest.pixelsJson(ServedModel.testImages(1, new int[1])[0]);
            for (int i = 0; i < 3; i++) {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/predictions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(digit))
                        .build(), HttpResponse.BodyHandlers.ofString());
            }
            HttpRequest tooLarge = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/predictions")).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) ServerOptions.DEFAULT_MAX_BODY_BYTES + 1]))
                    .build();
            assertThat(HTTP.send(tooLarge, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
            assertThat(get(server, "/scanner/probe").statusCode()).isEqualTo(404);
            server.modelLoaded(java.time.Duration.ofMillis(1500));

            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("digits_http_requests_seconds_count{method=\"POST\",route=\"/predictions\",status=\"200\"} 3")
                    .contains("digits_http_requests_seconds_bucket{method=\"POST\",route=\"/predictions\",status=\"200\"")
                    .contains("digits_rejections_total{reason=\"too_large\"} 1")
                    .contains("route=\"unmatched\",status=\"404\"").doesNotContain("/scanner/probe")
                    // The warm-up pass and the three requests.
                    .contains("digits_images_read_total 3")
                    .contains("digits_batch_size_count 4")
                    .contains("digits_batch_queue_wait_seconds_bucket")
                    .contains("digits_batch_queue_images 0")
                    .contains("digits_model_load_seconds 1.5");
        }
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesServed() throws Exception {
        try (DigitServer server = DigitServer.start(ServedModel.recognizer(), ServerOptions.defaults().withPort(0))) {
            HttpResponse<String> answer = get(server, "/openapi.json");
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode document = new ObjectMapper().readTree(answer.body());
            assertThat(document.get("openapi").asText()).startsWith("3.");
            List<String> documented = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    documented.add(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
            assertThat(documented).containsExactlyInAnyOrderElementsOf(DigitServer.ROUTES);
            // And each is served: no route is documented that answers 404 or 405.
            for (String route : DigitServer.ROUTES) {
                String[] parts = route.split(" ");
                HttpResponse<String> served = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + parts[1].replace("{file}", "reading.js"))).method(parts[0], HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(served.statusCode()).as(route).isNotIn(404, 405);
            }
        }
    }
}
