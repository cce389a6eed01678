package dev.digits.app;

import dev.digits.engine.EngineSelection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a command of {@code digits-spark} for {@code digits tune --master} and {@code digits train
 * --seeds}: Spark lives in its own program (its Scala module refuses the Jackson the rest of
 * digits uses), {@code spark/target/digits-spark.jar} beside this one in a build, or the jar that
 * {@code DIGITS_SPARK_JAR} names. The engine and device chosen here go with it.
 */
public final class SparkCommands {

    static final String JAR_VARIABLE = "DIGITS_SPARK_JAR";

    private SparkCommands() {}

    /**
     * Runs {@code digits-spark COMMAND} with the arguments the user gave {@code digits COMMAND}, in a
     * JVM of its own, its output this one's.
     *
     * @return its exit code
     * @throws IllegalArgumentException if digits-spark is not built
     */
    static int run(CommandSpec spec) throws IOException, InterruptedException {
        List<String> args = ownArguments(spec);
        String command = spec.name();
        Path jar = jar();
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String property : List.of(EngineSelection.ENGINE_PROPERTY, EngineSelection.DEVICE_PROPERTY,
                "ai.djl.offline", "digits.log")) {
            if (System.getProperty(property) != null) {
                line.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        line.addAll(List.of("-jar", jar.toString(), command));
        line.addAll(args);
        return new ProcessBuilder(line).inheritIO().start().waitFor();
    }

    /**
     * The arguments a subcommand was given, as typed: what follows its name (the parse result of a
     * subcommand holds the whole command line's).
     */
    public static List<String> ownArguments(CommandSpec spec) {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        return List.copyOf(all.subList(all.indexOf(spec.name()) + 1, all.size()));
    }

    private static Path jar() {
        String named = System.getenv(JAR_VARIABLE);
        Path jar;
        if (named != null && !named.isBlank()) {
            jar = Path.of(named);
        } else {
            try {
                // app/target/digits.jar -> spark/target/digits-spark.jar
                Path own = Path.of(SparkCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                jar = own.toAbsolutePath().getParent().getParent().getParent().resolve("spark/target/digits-spark.jar");
            } catch (URISyntaxException | RuntimeException e) {
                jar = Path.of("spark/target/digits-spark.jar");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("running on Spark needs digits-spark, which is not built at " + jar
                    + ": ./mvnw -B package -DskipTests builds it (or name the jar in " + JAR_VARIABLE + ")");
        }
        return jar;
    }
}
