package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Training several times in one JVM (tests, an IDE, an app) must not pile up native memory. Each
 * run used to leave Adam's moments behind: twice the network's 2,076,554 floats, 16.6 MB.
 */
@EnabledOnOs(OS.LINUX)
class NativeMemoryTest {

    private static final int WARM_UP_RUNS = 2;
    private static final int MEASURED_RUNS = 4;
    /** Under a third of the 16.6 MB a run leaked; runs without a leak stayed within ±5 MB. */
    private static final long MAX_GROWTH_PER_RUN_KB = 5_000;

    @Test
    void repeatedTrainingsDoNotGrowResidentMemory() throws Exception {
        Path scratch = TestModels.freshDir("repeated");
        // A fixed, pre-touched heap: what grows between runs is native memory. glibc serves large
        // blocks from mmap and trims its heap, so that freed memory leaves RSS instead of lingering.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", RepeatedTraining.class.getName(), "PyTorch",
                Integer.toString(WARM_UP_RUNS + MEASURED_RUNS), scratch.toString())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("output.log").toFile());
        builder.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
        builder.environment().put("MALLOC_TRIM_THRESHOLD_", "131072");
        Files.createDirectories(scratch);
        Process process = builder.start();
        String output;
        try {
            // Its output goes to a file: a child that hangs fails this test instead of hanging the build.
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the trainings end within 300 s").isTrue();
            output = Files.readString(scratch.resolve("output.log"), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();
        List<Long> rss = new ArrayList<>();
        output.lines().filter(line -> line.startsWith("rss-kb=")).forEach(line -> rss.add(Long.parseLong(line.substring(7))));
        assertThat(rss).as(output).hasSize(WARM_UP_RUNS + MEASURED_RUNS);
        long growth = rss.get(rss.size() - 1) - rss.get(WARM_UP_RUNS - 1);
        assertThat(growth / MEASURED_RUNS).as("RSS after each run, kB: " + rss).isLessThan(MAX_GROWTH_PER_RUN_KB);
    }
}
