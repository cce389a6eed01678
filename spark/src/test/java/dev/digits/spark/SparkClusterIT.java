package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job as the README runs it: {@code java -jar spark/target/digits-spark.jar} (Spark
 * embedded), and spark-submit of {@code spark/target/submit/} to a real standalone cluster.
 * Runs after {@code package}.
 */
class SparkClusterIT {

    private static final Path TARGET = SparkCluster.TARGET;

    @TempDir
    static Path dir;

    private static Path model;
    private static Path images;

    @BeforeAll
    static void modelAndImages() throws IOException {
        model = TestImages.model();
        images = dir.resolve("images");
        TestImages.writeDigits(images, 0, 60);
        Files.write(images.resolve("corrupt.png"), new byte[] {1, 2, 3});
    }

    @Test
    void theClusterWritesWhatSparkEmbeddedWrites() throws Exception {
        // The README's one command: Spark embedded, no install.
        Path local = dir.resolve("local");
        Path localLog = dir.resolve("local.log");
        Process embedded = new ProcessBuilder(SparkCluster.java(), "-jar", TARGET.resolve("digits-spark.jar").toString(),
                "--master", "local[2]", "-m", model.toString(), "-o", local.toString(), "--format", "json",
                images.toString()).redirectErrorStream(true).redirectOutput(localLog.toFile()).start();
        assertThat(SparkCluster.await(embedded)).as(SparkCluster.tail(localLog)).isZero();
        assertThat(Files.readString(localLog)).contains("61 image(s): 60 read, 1 with an error");

        try (SparkCluster cluster = SparkCluster.start(dir.resolve("cluster-a"), SparkCluster.sparkJars(), 1)) {
            Path remote = dir.resolve("cluster");
            Path log = dir.resolve("submit.log");
            Process job = cluster.submit(log, List.of(), "-m", model.toString(), "-o", remote.toString(), "--format", "json",
                    images.toString());
            assertThat(SparkCluster.await(job)).as(SparkCluster.tail(log)).isZero();
            assertThat(Files.readString(log)).contains("61 image(s): 60 read, 1 with an error")
                    .contains("Executor added");

            List<JsonNode> expected = sorted(JobOutput.jsonRows(local));
            List<JsonNode> actual = sorted(JobOutput.jsonRows(remote));
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                JsonNode want = expected.get(i);
                JsonNode got = actual.get(i);
                assertThat(got.get("path")).isEqualTo(want.get("path"));
                assertThat(got.get("error")).isEqualTo(want.get("error"));
                assertThat(got.get("digit")).isEqualTo(want.get("digit"));
                if (want.has("probabilities")) {
                    for (int d = 0; d < 10; d++) {
                        assertThat(got.get("probabilities").get(d).floatValue())
                                .isCloseTo(want.get("probabilities").get(d).floatValue(), within(1e-5f));
                    }
                }
            }
        }
    }

    /**
     * Two workers, a job of 2,000 images in 40 partitions named by a table, and one more input: a
     * named pipe that holds the job open until the test has killed a worker, so that the kill
     * falls mid-job however fast the machine. The driver waits for both executors before its
     * first task, so that neither takes every task before the other starts.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aWorkerKilledMidJobCostsNoRowAndDuplicatesNone() throws Exception {
        Path many = dir.resolve("many");
        int count = 2000;
        List<Path> files = new ArrayList<>(TestImages.writeDigits(many, 0, count));
        Path gatePath = many.resolve("gate.png");
        files.add(gatePath);
        Path table = dir.resolve("many.csv");
        Files.write(table, Stream.concat(Stream.of("path"), files.stream().map(f -> f.toUri().toString())).toList());
        try (PipeGate gate = PipeGate.create(gatePath, Files.readAllBytes(files.get(0)));
                SparkCluster cluster = SparkCluster.start(dir.resolve("cluster-b"), SparkCluster.sparkJars(), 2)) {
            Path output = dir.resolve("after-kill");
            Path log = dir.resolve("submit-kill.log");
            Process job = cluster.submit(log, List.of("--conf", "spark.cores.max=2",
                    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                    "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=" + SparkCluster.DEADLINE.toSeconds() + "s"),
                    "-m", model.toString(), "-o", output.toString(), "--format", "json",
                    "--partitions", "40", "--batch-size", "10", "--table", table.toString());
            // Both executors at work, then the second worker's machine is gone.
            SparkCluster.await(() -> cluster.workerIsRunningTasks(0) && cluster.workerIsRunningTasks(1), job,
                    "tasks on both workers");
            cluster.killWorker(1);
            SparkCluster.await(() -> contains(log, "Lost executor"), job, "the driver losing the executor");
            assertThat(output.resolve("_SUCCESS")).as("the job was still running").doesNotExist();
            gate.open();

            assertThat(SparkCluster.await(job)).as(SparkCluster.tail(log)).isZero();
            int rows = count + 1;
            assertThat(Files.readString(log)).contains(rows + " image(s): " + rows + " read, 0 with an error");
            List<String> paths = JobOutput.jsonRows(output).stream().map(row -> row.get("path").asText()).toList();
            assertThat(paths).hasSize(rows);
            assertThat(new HashSet<>(TestImages.distinctPaths(paths))).hasSize(rows);
        }
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<JsonNode> sorted(List<JsonNode> rows) {
        List<JsonNode> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(row -> row.get("path").asText()));
        return copy;
    }
}
