package dev.digits.spark;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** The Spark sessions of digits' commands: the master chosen, and what an embedded or a cluster run needs. */
public final class SparkSessions {

    /** Spark embedded, a task per core: the master without spark-submit or --master. */
    static final String LOCAL = "local[*]";

    private SparkSessions() {}

    /** The master chosen: {@code --master}, else spark-submit's, else Spark embedded. */
    public static String master(String option) {
        return option != null ? option : System.getProperty("spark.master", LOCAL);
    }

    /**
     * A session's builder on the master chosen ({@link #master}); embedded, on 127.0.0.1 and
     * without the web UI: nothing leaves this machine, and a command needs no UI.
     */
    public static SparkSession.Builder builder(String appName, String option) {
        String chosen = master(option);
        SparkSession.Builder builder = SparkSession.builder().appName(appName).master(chosen);
        if (chosen.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            if (System.getProperty("spark.ui.enabled") == null) {
                builder.config("spark.ui.enabled", "false");
            }
        } else if (System.getProperty("spark.jars") == null) {
            // Started with java -jar, not spark-submit --jars: the executors get the job's jars from here.
            jobJars().ifPresent(jars -> builder.config("spark.jars", jars));
        }
        return builder;
    }

    /**
     * What spark-submit is given with --jars, and its application jar: spark/target/submit/ beside
     * this jar in a build, as a list of files; empty where there is none (a class path of a test).
     */
    static Optional<String> jobJars() {
        try {
            Path own = Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path submit = own.toAbsolutePath().getParent().resolve("submit");
            if (!Files.isRegularFile(own) || !Files.isDirectory(submit.resolve("lib"))) {
                return Optional.empty();
            }
            List<String> jars = new ArrayList<>();
            try (Stream<Path> files = Files.list(submit.resolve("lib"))) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> jars.add(f.toUri().toString()));
            }
            jars.add(submit.resolve("digits-spark-app.jar").toUri().toString());
            return Optional.of(String.join(",", jars));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
