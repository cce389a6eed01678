package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a real server process: it stops taking requests, answers the one in flight, exits.
 * The test moves on events, not on time: the request is held in flight by sending only half of
 * its body until the server has received it and SIGTERM has closed the door to new ones.
 */
class ServerShutdownTest {

    private static final int IMAGES = 256;

    @Test
    void sigtermFinishesTheRequestInFlightAndRefusesNewOnes() throws Exception {
        try (ServerProcess server = ServerProcess.start(ServedModel.folder(), List.of(),
                "--max-body", Integer.toString(64 << 20))) {
            byte[] body = batchJson().getBytes(StandardCharsets.UTF_8);
            try (Socket client = new Socket("127.0.0.1", server.port)) {
                OutputStream out = client.getOutputStream();
                out.write(("POST /predictions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                ServerProcess.awaitTrue(() -> server.requestsInFlight() == 1, "the server is reading the request");

                server.process.destroy();
                ServerProcess.awaitTrue(() -> server.requestsInFlight() < 0,
                        "a new connection is refused after SIGTERM");

                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200");
                JsonNode predictions = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertThat(predictions.size()).isEqualTo(IMAGES);
            }
            assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = server.output();
            assertThat(server.process.exitValue()).as(output).isEqualTo(143);
            String waitPolicy = System.getenv().getOrDefault("OMP_WAIT_POLICY", "PASSIVE");
            // Two passes at once share the cores: one intra-op thread each on two cores.
            int perPass = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
            assertThat(output).contains("threads " + perPass + " intra-op")
                    .contains("OpenMP wait policy " + waitPolicy)
                    .contains("Stopping").doesNotContain("Exception").doesNotContain("hs_err");
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
