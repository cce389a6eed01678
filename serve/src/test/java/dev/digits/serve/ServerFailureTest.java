package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import dev.digits.model.inference.PredictionFailedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a client gets when the server, not the client, is at fault: 500 with an id, or 503. */
class ServerFailureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> predict(DigitServer server, float[] pixels) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/predictions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(DigitServerTest.pixelsJson(pixels))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static float[] aDigit() throws Exception {
        return ServedModel.testImages(1, new int[1])[0];
    }

    @Test
    void anEngineFailureIs500WithAnIdThatTheLogHoldsWithTheStackTrace() throws Exception {
        Logger batcherLog = (Logger) LoggerFactory.getLogger(PredictionBatcher.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        batcherLog.addAppender(log);
        Function<List<float[]>, List<Prediction>> failing = images -> {
            throw new PredictionFailedException("the PyTorch forward pass failed: secret native detail",
                    new IllegalStateException("secret native detail"));
        };
        try (DigitServer server = DigitServer.start(ServedModel.recognizer(), failing,
                ServerOptions.defaults().withPort(0))) {
            HttpResponse<String> answer = predict(server, aDigit());
            assertThat(answer.statusCode()).isEqualTo(500);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("type").asText()).isEqualTo("server_failure");
            String id = body.get("id").asText();
            assertThat(id).isNotBlank();
            assertThat(body.get("message").asText()).contains(id);
            assertThat(answer.body()).doesNotContain("secret").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(log.list).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains(id);
                assertThat(event.getThrowableProxy().getMessage()).contains("secret native detail");
            });
        } finally {
            batcherLog.detachAppender(log);
        }
    }

    @Test
    void aClosedRecognizerIs503WithRetryAfterAndTheServerStaysUp() throws Exception {
        DigitRecognizer recognizer = DigitRecognizer.load(ServedModel.folder(),
                EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu())));
        try (DigitServer server = DigitServer.start(recognizer, ServerOptions.defaults().withPort(0))) {
            assertThat(predict(server, aDigit()).statusCode()).isEqualTo(200);
            recognizer.close();
            HttpResponse<String> answer = predict(server, aDigit());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            assertThat(JSON.readTree(answer.body()).get("type").asText()).isEqualTo("stopping");
            HttpResponse<String> ping = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
        } finally {
            recognizer.close();
        }
    }
}
