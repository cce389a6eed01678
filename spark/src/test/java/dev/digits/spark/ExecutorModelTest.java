package dev.digits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an executor sizes its share of the model, and what travels with a job. */
class ExecutorModelTest {

    @TempDir
    Path dir;

    @Test
    void taskSlotsFollowTheMasterOrTheExecutorsCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ExecutorModel.taskSlots(new SparkConf(false).set("spark.master", "local[3]"))).isEqualTo(3);
        assertThat(ExecutorModel.taskSlots(new SparkConf(false).set("spark.master", "local[3,2]"))).isEqualTo(3);
        assertThat(ExecutorModel.taskSlots(new SparkConf(false).set("spark.master", "local[*]"))).isEqualTo(cores);
        assertThat(ExecutorModel.taskSlots(new SparkConf(false).set("spark.master", "local"))).isEqualTo(cores);
        assertThat(ExecutorModel.taskSlots(new SparkConf(false).set("spark.master", "spark://h:7077")
                .set("spark.executor.cores", "8").set("spark.task.cpus", "2"))).isEqualTo(4);
        assertThat(ExecutorModel.taskSlots(new SparkConf(false).set("spark.master", "spark://h:7077")))
                .isEqualTo(cores);
    }

    @Test
    void versionNamesTheCommand() {
        JobOutput run = JobOutput.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("digits-spark (development build)");
    }

    @Test
    void theArchiveHoldsTheModelsFilesNotItsSubfolders() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.writeString(folder.resolve("serving.properties"), "digitsFormat=2");
        Files.write(folder.resolve("digits-abc-0010.params"), new byte[] {1, 2, 3});
        Files.createDirectories(folder.resolve("charts"));
        Files.writeString(folder.resolve("charts/curves.png"), "a chart");
        Path archive = ModelArchive.pack(folder, "digits-model-abc.zip");
        assertThat(archive.getFileName().toString()).isEqualTo("digits-model-abc.zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                if (entry.getName().endsWith(".params")) {
                    assertThat(zip.readAllBytes()).containsExactly(1, 2, 3);
                }
            }
        }
        assertThat(names).containsExactly("digits-abc-0010.params", "serving.properties");
    }
}
