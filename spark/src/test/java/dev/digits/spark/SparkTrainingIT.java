package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.digits.model.folder.ModelFolder;
import dev.digits.train.tune.HyperparameterSearch;
import dev.digits.train.tune.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * digits-spark tune and train on a real standalone cluster of two one-core workers, one killed
 * mid-run: every trial recorded once and every member folder whole, with the figures and weights
 * of the same runs of digits tune and digits train on this machine with one native thread.
 */
class SparkTrainingIT {

    /** Four short trials: about seven seconds each on one thread. */
    private static final List<String> SEARCH = List.of("--trials", "4", "--recipe", "seed", "--epochs", "1",
            "--train-limit", "2000", "--validation-images", "500", "--seed", "7");

    /** Three short members' training: a few seconds each on one thread. */
    private static final List<String> TRAINING = List.of("--recipe", "seed", "--epochs", "1", "--train-limit", "2000",
            "--test-limit", "500", "--no-charts");

    @TempDir
    static Path dir;

    /** {@code digits ARGS} in a JVM of its own, on PyTorch with one native thread, as a task trains. */
    private static void digits(Path log, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SparkCluster.java(), "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "dev.digits.app.DigitsCommand"));
        command.addAll(args);
        ProcessBuilder digits = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        digits.environment().put("OMP_NUM_THREADS", "1");
        digits.environment().put("DJL_DEFAULT_ENGINE", "PyTorch");
        assertThat(SparkCluster.await(digits.start())).as(SparkCluster.tail(log)).isZero();
    }

    /** Submits a job to a new cluster, kills the second worker once both run tasks, and waits for the job. */
    private static String submitAndKillAWorker(String name, List<String> job) throws Exception {
        try (SparkCluster cluster = SparkCluster.start(dir.resolve("cluster-" + name), SparkCluster.sparkJars(), 2)) {
            Path log = dir.resolve(name + ".log");
            Process process = cluster.submit(log, List.of("--conf", "spark.cores.max=2",
                    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                    "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=" + SparkCluster.DEADLINE.toSeconds() + "s"),
                    job.toArray(String[]::new));
            // A task on each worker, then the second worker's machine is gone with its task.
            SparkCluster.await(() -> cluster.workerIsRunningTasks(0) && cluster.workerIsRunningTasks(1), process,
                    "tasks on both workers");
            cluster.killWorker(1);
            assertThat(SparkCluster.await(process)).as(SparkCluster.tail(log)).isZero();
            String said = Files.readString(log);
            assertThat(said).contains("Lost executor");
            return said;
        }
    }

    private static List<Trial> localTrials;
    private static String localMemberSha;

    /** The search run by digits tune here, on one thread, once for the tests that compare with it. */
    private static synchronized List<Trial> localTrials() throws Exception {
        if (localTrials == null) {
            // MNIST in the cache, where each executor of this machine reads it.
            TestImages.model();
            Path local = dir.resolve("local");
            List<String> tune = new ArrayList<>(List.of("tune", "-o", local.toString()));
            tune.addAll(SEARCH);
            digits(dir.resolve("local.log"), tune);
            localTrials = trials(local);
            assertThat(localTrials).hasSize(4);
        }
        return localTrials;
    }

    /** The weights' SHA-256 of seed 2's member trained by digits train here, on one thread. */
    private static synchronized String localMemberSha() throws Exception {
        if (localMemberSha == null) {
            TestImages.model();
            Path local = dir.resolve("member-local");
            List<String> train = new ArrayList<>(List.of("train", "--seed", "2", "-o", local.toString()));
            train.addAll(TRAINING);
            digits(dir.resolve("member-local.log"), train);
            localMemberSha = new ModelFolder(local).readMetadata().paramsSha256();
        }
        return localMemberSha;
    }

    private static void assertSameFigures(List<Trial> actual, List<Trial> expected) {
        for (int i = 0; i < actual.size(); i++) {
            Trial want = expected.get(i);
            Trial got = actual.get(i);
            assertThat(got.trial()).isEqualTo(want.trial());
            assertThat(got.learningRate()).isEqualTo(want.learningRate());
            assertThat(got.batchSize()).isEqualTo(want.batchSize());
            assertThat(got.augment()).isEqualTo(want.augment());
            assertThat(got.validationAccuracy()).as("trial %d", got.trial()).isEqualTo(want.validationAccuracy());
            assertThat(got.validationLoss()).as("trial %d", got.trial()).isEqualTo(want.validationLoss());
        }
    }

    private static List<Trial> trials(Path search) throws IOException {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = csv.schemaFor(Trial.class).withHeader();
        try (MappingIterator<Trial> rows = csv.readerFor(Trial.class).with(schema)
                .readValues(search.resolve(HyperparameterSearch.TABLE).toFile())) {
            return rows.readAll();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void trialsRunAsTasksEachRecordedOnceWithTheLocalFiguresThoughAWorkerIsKilled() throws Exception {
        List<Trial> expected = localTrials();
        Path remote = dir.resolve("remote");
        List<String> job = new ArrayList<>(List.of("tune", "-o", remote.toString()));
        job.addAll(SEARCH);
        assertThat(submitAndKillAWorker("tune", job)).contains("(best)");
        List<Trial> actual = trials(remote);
        assertThat(actual).extracting(Trial::trial).containsExactly(1, 2, 3, 4);
        assertSameFigures(actual, expected);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void membersTrainAsTasksIntoWholeFoldersWithTheLocalWeightsThoughAWorkerIsKilled() throws Exception {
        String expected = localMemberSha();
        Path members = dir.resolve("members");
        List<String> job = new ArrayList<>(List.of("train", "--seeds", "1,2,3", "-o", members.toString()));
        job.addAll(TRAINING);
        assertThat(submitAndKillAWorker("train", job)).contains("Combine them: digits ensemble --choose 3");

        try (Stream<Path> files = Files.list(members)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .as("one whole folder per seed, no attempt left").containsExactly("seed-1", "seed-2", "seed-3");
        }
        for (String seed : List.of("seed-1", "seed-2", "seed-3")) {
            assertThat(new ModelFolder(members.resolve(seed)).readMetadata().testAccuracy()).isGreaterThan(0.5);
        }
        assertThat(new ModelFolder(members.resolve("seed-2")).readMetadata().paramsSha256()).isEqualTo(expected);
    }

    /**
     * The same from the digits command line, as the README says: digits tune --master and digits
     * train --seeds --master start digits-spark, which sends the cluster its jars itself.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void digitsTuneAndTrainWithMasterRunOnTheCluster() throws Exception {
        List<Trial> expected = localTrials();
        String expectedSha = localMemberSha();
        Path app = SparkCluster.TARGET.resolve("../../app/target/digits.jar").normalize();
        try (SparkCluster cluster = SparkCluster.start(dir.resolve("cluster-digits"), SparkCluster.sparkJars(), 2)) {
            Path search = dir.resolve("digits-tune");
            List<String> tune = new ArrayList<>(List.of("tune", "--master", cluster.masterUrl, "-o", search.toString()));
            tune.addAll(SEARCH);
            tune.set(tune.indexOf("--trials") + 1, "2");
            run(app, dir.resolve("digits-tune.log"), tune);
            List<Trial> actual = trials(search);
            assertThat(actual).extracting(Trial::trial).containsExactly(1, 2);
            assertSameFigures(actual, expected);

            Path members = dir.resolve("digits-members");
            List<String> train = new ArrayList<>(List.of("train", "--seeds", "2", "--master", cluster.masterUrl, "-o",
                    members.toString()));
            train.addAll(TRAINING);
            run(app, dir.resolve("digits-train.log"), train);
            assertThat(new ModelFolder(members.resolve("seed-2")).readMetadata().paramsSha256()).isEqualTo(expectedSha);
        }
    }

    /** {@code java -jar digits.jar ARGS}, as a user runs it, against the cluster on 127.0.0.1. */
    private static void run(Path app, Path log, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SparkCluster.java(), "-Dai.djl.offline=true", "-jar",
                app.toString()));
        command.addAll(args);
        ProcessBuilder digits = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        digits.environment().put("DJL_DEFAULT_ENGINE", "PyTorch");
        digits.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        assertThat(SparkCluster.await(digits.start())).as(SparkCluster.tail(log)).isZero();
    }
}
