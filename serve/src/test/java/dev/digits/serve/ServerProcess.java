package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** {@code digits-serve} in a JVM of its own, on a free port, with its output in a file. */
final class ServerProcess implements AutoCloseable {

    private static final long DEADLINE_SECONDS = 120;

    final Process process;
    final int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server on the model and waits until it answers /ping. */
    static ServerProcess start(Path model, List<String> jvmOptions, String... options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dai.djl.default_engine=PyTorch"));
        command.addAll(jvmOptions);
        command.addAll(List.of(ServeCommand.class.getName(), model.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(options));
        Path log = Files.createTempFile("digits-serve", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, port, log);
        awaitTrue(() -> server.requestsInFlight() >= 0 || !process.isAlive(), "the server answers /ping");
        assertThat(process.isAlive()).as(server.output()).isTrue();
        return server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The server's count of requests in flight, from /ping; -1 when it cannot be reached. */
    int requestsInFlight() {
        try {
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(uri("/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ping.statusCode() == 200
                    ? new ObjectMapper().readTree(ping.body()).get("requestsInFlight").asInt() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** Polls until the condition holds; fails after {@value #DEADLINE_SECONDS} s. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(log);
    }
}
