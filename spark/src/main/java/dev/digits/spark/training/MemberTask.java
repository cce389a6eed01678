package dev.digits.spark.training;

import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.FileTrees;
import dev.digits.model.folder.ServingProperties;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.DigitTrainer;
import dev.digits.train.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import picocli.CommandLine;

/**
 * Trains one member of an ensemble, as a Spark task: the seed's model folder, {@code seed-N} in the
 * output folder. It trains into a folder of its own attempt and moves it into place whole when
 * done; an attempt lost with its executor leaves its folder behind, which the next attempt of the
 * seed removes. A member already in place is not trained again.
 *
 * @param outputDir the folder of the members, at the same path on the driver and every executor
 * @param arguments {@code digits-spark train}'s command line, read again by each task for the
 *     training options it gives
 * @param engine the engine's DJL name
 * @param device the device, as {@link DeviceChoice#parse} reads it
 */
public record MemberTask(String outputDir, List<String> arguments, String engine, String device)
        implements Function<Long, String> {

    private static final long serialVersionUID = 1L;

    /** A member's folder in the output folder. */
    public static Path memberFolder(Path outputDir, long seed) {
        return outputDir.resolve("seed-" + seed);
    }

    /** Whether a member's folder is in place, whole: its model was committed. */
    public static boolean inPlace(Path member) {
        return Files.isRegularFile(member.resolve(ServingProperties.FILE));
    }

    @Override
    public String call(Long seed) throws Exception {
        Path output = Path.of(outputDir);
        Path member = memberFolder(output, seed);
        if (inPlace(member)) {
            return member.toString();
        }
        String prefix = "." + member.getFileName() + ".attempt-";
        removeAttempts(output, prefix);
        Path attempt = output.resolve(prefix + TaskContext.get().taskAttemptId());
        SparkTrainCommand command = CommandLine.populateCommand(new SparkTrainCommand(),
                arguments.toArray(String[]::new));
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.parse(engine, "the driver"),
                DeviceChoice.parse(device, "the driver")));
        MnistFiles data = MnistFiles.fromFolderOrCache(command.training.dataDir());
        TrainingResult result = new DigitTrainer(runtime).train(command.training.options(attempt, seed), data);
        Files.move(result.folder().root(), member, StandardCopyOption.ATOMIC_MOVE);
        return member.toString();
    }

    /** Removes what earlier attempts of this member left. */
    private static void removeAttempts(Path output, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            for (Path left : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                FileTrees.delete(left);
            }
        }
    }
}
