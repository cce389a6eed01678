import dev.digits.engine.EngineRuntime;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The in-process batch path, the baseline of bench/spark.sh: one JVM lists a folder, reads each
 * file's bytes and scores them BATCH at a time with DigitRecognizer.readEach (what digits predict
 * and each Spark task do), and prints how many it read and how fast, from JVM start to the end.
 *
 * <p>Usage: java -cp 'spark/target/lib/*' bench/FolderThroughput.java MODEL_DIR FOLDER [BATCH]
 */
public class FolderThroughput {
    public static void main(String[] args) throws Exception {
        long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        Path model = Path.of(args[0]);
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[1]))) {
            files = walk.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        int read = 0;
        try (DigitRecognizer recognizer = DigitRecognizer.builder(model)
                .optRuntime(EngineRuntime.activateFromEnvironment()).optPoolSize(1).build()) {
            for (int from = 0; from < files.size(); from += batch) {
                List<byte[]> bytes = new ArrayList<>();
                for (Path file : files.subList(from, Math.min(files.size(), from + batch))) {
                    bytes.add(Files.readAllBytes(file));
                }
                for (Reading reading : recognizer.readEachEncoded(bytes)) {
                    read += reading.ok() ? 1 : 0;
                }
            }
        }
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        System.out.printf(Locale.ROOT, "in-process: %d of %d images read in %.1f s from JVM start%n", read,
                files.size(), seconds);
    }
}
