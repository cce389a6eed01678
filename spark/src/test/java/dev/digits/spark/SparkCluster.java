package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1: Spark's own {@code Master} and {@code Worker}
 * classes in child JVMs, whose executors are JVMs of their own. Its {@code SPARK_HOME} is a folder
 * whose {@code jars/} holds Spark's jars, as in a Spark distribution.
 */
final class SparkCluster implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofMinutes(5);
    /** The module's build: the packaged job, its jars and spark-submit's. */
    static final Path TARGET = Path.of("target").toAbsolutePath();

    final Path home;
    final String masterUrl;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();

    private SparkCluster(Path home, String masterUrl, Process master) {
        this.home = home;
        this.masterUrl = masterUrl;
        this.master = master;
    }

    /**
     * Starts a master and {@code workers} workers of one core each, and waits until every worker
     * has registered.
     *
     * @param sparkJars Spark's jars, the cluster's installation
     */
    static SparkCluster start(Path dir, List<Path> sparkJars, int workers) throws Exception {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        for (Path jar : sparkJars) {
            Files.createSymbolicLink(home.resolve("jars").resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        int port = freePort();
        Path masterLog = dir.resolve("master.log");
        Process master = start(home, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        SparkCluster cluster = new SparkCluster(home, "spark://127.0.0.1:" + port, master);
        try {
            awaitLine(masterLog, "I have been elected leader", master);
            for (int i = 0; i < workers; i++) {
                Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
                Path log = dir.resolve("worker-" + i + ".log");
                Process worker = start(home, log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "2g", "--webui-port", Integer.toString(freePort()),
                        "--work-dir", workDir.toString(), cluster.masterUrl);
                cluster.workers.add(worker);
                cluster.workDirs.add(workDir);
                awaitLine(log, "Successfully registered with master", worker);
            }
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** A JVM on Spark's jars, with what Spark needs of Java 17 and everything on 127.0.0.1. */
    static Process start(Path home, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(builder.environment(), home);
        return builder.start();
    }

    static void environment(Map<String, String> environment, Path home) {
        environment.put("SPARK_HOME", home.toString());
        environment.put("SPARK_SCALA_VERSION", "2.13");
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Whether an executor of worker {@code index} has been given a task. */
    boolean workerIsRunningTasks(int index) {
        try (Stream<Path> files = Files.walk(workDirs.get(index))) {
            return files.filter(f -> f.getFileName().toString().equals("stderr")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("Got assigned task");
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills a worker at once, with its executors, as when its machine is lost. */
    void killWorker(int index) throws InterruptedException {
        Process worker = workers.get(index);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly().waitFor();
    }

    /** Spark's jars: the job's dependencies that the cluster, not the job, brings. */
    static List<Path> sparkJars() throws IOException {
        Set<String> jobJars;
        try (Stream<Path> files = Files.list(TARGET.resolve("submit/lib"))) {
            jobJars = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
        try (Stream<Path> files = Files.list(TARGET.resolve("lib"))) {
            return files.filter(f -> !jobJars.contains(f.getFileName().toString())).sorted().toList();
        }
    }

    /**
     * The spark-submit command of docs/spark.md, run as bin/spark-submit runs it: SparkSubmit on
     * Spark's jars, the job's own given with --jars.
     */
    Process submit(Path log, List<String> submitArgs, String... jobArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g"));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--executor-memory", "1g"));
        command.addAll(submitArgs);
        String jobJars;
        try (Stream<Path> files = Files.list(TARGET.resolve("submit/lib"))) {
            jobJars = files.map(Path::toString).sorted().collect(Collectors.joining(","));
        }
        command.addAll(List.of("--jars", jobJars, TARGET.resolve("submit/digits-spark-app.jar").toString()));
        command.addAll(List.of(jobArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(builder.environment(), home);
        builder.environment().put("DJL_DEFAULT_ENGINE", "PyTorch");
        return builder.start();
    }

    /** Waits for a job's process to end, within the deadline, and returns its exit code. */
    static int await(Process process) throws InterruptedException {
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("the job ends within %s", DEADLINE).isTrue();
        return process.exitValue();
    }

    /** The end of a log, for a failed assertion's message. */
    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        for (Process worker : workers) {
            worker.descendants().forEach(ProcessHandle::destroyForcibly);
            worker.destroyForcibly().waitFor();
        }
        master.destroyForcibly().waitFor();
        // The links into the build's jars go with the cluster: JUnit warns of each link it finds
        // left in a temporary folder, two hundred lines a cluster.
        try (Stream<Path> links = Files.list(home.resolve("jars"))) {
            for (Path link : links.toList()) {
                Files.deleteIfExists(link);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitLine(Path log, String line, Process process) throws Exception {
        await(() -> {
            try {
                return Files.exists(log) && Files.readString(log).contains(line);
            } catch (IOException e) {
                return false;
            }
        }, process, "'" + line + "' in " + log);
    }

    /** Waits for a condition, failing early if the process it depends on ends. */
    static void await(BooleanSupplier condition, Process process, String what) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") before " + what);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE);
            }
            Thread.sleep(50);
        }
    }
}
