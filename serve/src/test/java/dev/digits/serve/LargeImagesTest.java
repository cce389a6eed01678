package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many large photos at once must not exhaust a small heap: images are decoded at reduced
 * resolution, a few at a time, and a request that finds no turn gets 503.
 */
class LargeImagesTest {

    private static final int SIDE = 4096;
    private static final int REQUESTS = 32;

    @Test
    void thirtyTwoSixteenMegapixelPngsAtOnceOnA256MegabyteHeap() throws Exception {
        int[] labels = new int[1];
        float[] digit = ServedModel.testImages(1, labels)[0];
        byte[] png = DigitServerTest.png(photo(digit));
        ObjectMapper json = new ObjectMapper();
        try (ServerProcess server = ServerProcess.start(ServedModel.folder(), List.of("-Xmx256m"))) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(server.http.sendAsync(HttpRequest.newBuilder(server.uri("/predictions"))
                        .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            int read = 0;
            for (CompletableFuture<HttpResponse<String>> future : answers) {
                HttpResponse<String> answer = future.get(300, TimeUnit.SECONDS);
                JsonNode body = json.readTree(answer.body());
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 503);
                if (answer.statusCode() == 200) {
                    assertThat(body.get("digit").asInt()).isEqualTo(labels[0]);
                    read++;
                } else {
                    assertThat(body.get("type").asText()).isEqualTo("busy");
                    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                }
            }
            assertThat(read).isPositive();
            assertThat(server.requestsInFlight()).as(server.output()).isZero();
            assertThat(server.output()).doesNotContain("OutOfMemoryError");
        }
    }

    /** A 4096x4096 colour photo of dark ink on paper: the MNIST digit drawn large in its middle. */
    private static BufferedImage photo(float[] digit) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(240, 238, 230));
        g.fillRect(0, 0, SIDE, SIDE);
        int cell = SIDE / 2 / 28;
        for (int i = 0; i < digit.length; i++) {
            int ink = Math.round(240 - digit[i] * 220);
            g.setColor(new Color(ink, ink, ink));
            g.fillRect(SIDE / 4 + (i % 28) * cell, SIDE / 4 + (i / 28) * cell, cell, cell);
        }
        g.dispose();
        return image;
    }
}
