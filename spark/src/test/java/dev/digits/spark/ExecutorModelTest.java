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
    void theArchiveHoldsTheFilesTheModelIsLoadedFromAndNothingElse() throws IOException {
        Path model = TestImages.model();
        Path folder = Files.createDirectories(dir.resolve("model"));
        try (java.util.stream.Stream<Path> files = Files.list(model)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        // What a folder from elsewhere may bring: code, and files of no model.
        Files.write(folder.resolve("planted.jar"), new byte[] {'P', 'K', 3, 4});
        Files.createDirectories(folder.resolve("classes"));
        Files.writeString(folder.resolve("classes/Planted.class"), "code");
        Files.createDirectories(folder.resolve("charts"));
        Files.writeString(folder.resolve("charts/curves.png"), "a chart");
        dev.digits.model.folder.ServingProperties serving = new dev.digits.model.folder.ModelFolder(folder)
                .readServingProperties();
        Path archive = ModelArchive.pack(folder, "digits-model-abc.zip");
        assertThat(archive.getFileName().toString()).isEqualTo("digits-model-abc.zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                if (entry.getName().endsWith(".params")) {
                    assertThat(zip.readAllBytes()).isEqualTo(Files.readAllBytes(folder.resolve(serving.paramsFile())));
                }
            }
        }
        assertThat(names).containsExactlyInAnyOrder(serving.paramsFile(), serving.metadataFile(), "serving.properties");
    }

    @Test
    void anExecutorRefusesAModelOtherThanTheDriversWithAClearError() throws IOException {
        Path model = TestImages.model();
        String other = "0".repeat(64);
        ExecutorModel elsewhere = new ExecutorModel(model.toString(), false, other, "PyTorch", "cpu", 1 << 20);
        try (org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().master("local[1]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> spark.range(1).javaRDD()
                            .map(x -> elsewhere.recognizer().poolSize()).collect())
                    .hasMessageContaining("not the driver's 000000000000")
                    .hasMessageContaining("every executor must read the model the driver checked");
        }
    }
}
