package dev.digits.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DJL reads DJL_DEFAULT_ENGINE itself when its Engine class loads, once per JVM: these cases
 * need a JVM of their own with the variable set.
 */
class EngineProcessTest {

    /** Activates the engine from the environment and prints what DJL then uses. */
    public static void main(String[] args) {
        try {
            EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
            System.out.println("runtime=" + runtime.name());
            System.out.println("djl=" + Engine.getInstance().getEngineName());
            System.out.println("threads=" + runtime.threads());
        } catch (EngineSelectionException e) {
            System.out.println("error=" + e.getMessage());
            System.exit(3);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Map<String, String> environment, String... properties)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dai.djl.offline=true");
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.add(EngineProcessTest.class.getName());
        Path log = Files.createTempFile("engine-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The child sees only what a case sets: the settings of the shell that runs the build
        // (one OpenMP thread, say) would otherwise decide what it prints.
        for (String variable : List.of("DJL_DEFAULT_ENGINE", ThreadSettings.OMP_THREADS, ThreadSettings.OMP_WAIT_POLICY,
                ThreadSettings.GOMP_SPINCOUNT, ThreadSettings.MXNET_ENGINE_TYPE)) {
            builder.environment().remove(variable);
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            // The output goes to a file, so that a child that hangs fails this case instead of the build.
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends within 120 s").isTrue();
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aVariableInAnotherLetterCaseStillWorks() throws Exception {
        Result result = run(Map.of("DJL_DEFAULT_ENGINE", "mxnet"));
        assertThat(result.output()).contains("runtime=MXNet").contains("djl=MXNet");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void bothEnginesOnTheClassPathAndNothingSetGivesPyTorch() throws Exception {
        Result result = run(Map.of());
        assertThat(result.output()).contains("runtime=PyTorch").contains("djl=PyTorch");
    }

    @Test
    void openMpThreadsSpinBrieflyByDefaultAndAWaitPolicyOfTheUserWins() throws Exception {
        assertThat(run(Map.of(), "ai.djl.default_engine=MXNet").output())
                .contains("threads=threads 2 OpenMP".replace("2",
                        Integer.toString(Runtime.getRuntime().availableProcessors())))
                .contains("OpenMP spin 30000");
        assertThat(run(Map.of()).output()).contains("OpenMP spin 10000");
        assertThat(run(Map.of("OMP_WAIT_POLICY", "PASSIVE")).output()).contains("OpenMP wait policy PASSIVE")
                .doesNotContain("OpenMP spin");
        assertThat(run(Map.of("GOMP_SPINCOUNT", "300000")).output()).contains("OpenMP spin 300000");
    }

    @Test
    void threadCountsTheUserSetWin() throws Exception {
        assertThat(run(Map.of("OMP_NUM_THREADS", "1"), "ai.djl.default_engine=MXNet").output())
                .contains("threads=threads 1 OpenMP");
        assertThat(run(Map.of(), "ai.djl.pytorch.num_threads=1").output()).contains("threads=threads 1 intra-op");
        // PyTorch itself honours OMP_NUM_THREADS: so does digits, unless the property says otherwise.
        assertThat(run(Map.of("OMP_NUM_THREADS", "1")).output()).contains("threads=threads 1 intra-op");
        assertThat(run(Map.of("OMP_NUM_THREADS", "1"), "ai.djl.pytorch.num_threads=2").output())
                .contains("threads=threads 2 intra-op");
        assertThat(run(Map.of()).output()).contains("threads=threads "
                + Runtime.getRuntime().availableProcessors() + " intra-op");
    }

    @Test
    void thePropertyBeatsTheVariableAsInDjl() throws Exception {
        Result result = run(Map.of("DJL_DEFAULT_ENGINE", "PyTorch"), "ai.djl.default_engine=mxnet");
        assertThat(result.output()).contains("runtime=MXNet").contains("djl=MXNet");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anUnknownVariableDoesNotBreakDjlWhenThePropertyChooses() throws Exception {
        // Plain DJL 0.36 fails in its Engine class initialiser here: the variable is read first.
        Result result = run(Map.of("DJL_DEFAULT_ENGINE", "TensorFlow"), "ai.djl.default_engine=PyTorch");
        assertThat(result.output()).contains("runtime=PyTorch").contains("djl=PyTorch");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void anUnknownVariableIsAClearError() throws Exception {
        Result result = run(Map.of("DJL_DEFAULT_ENGINE", "TensorFlow"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("error=Unknown engine 'TensorFlow' (from environment variable");
        assertThat(result.output()).doesNotContain("Exception");
    }

    @Test
    void anEngineWhoseNativeLibraryCannotLoadIsAClearError() throws Exception {
        Result result = run(Map.of("ENGINE_CACHE_DIR", "/dev/null/engines"));
        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("error=Engine PyTorch was asked for, but its native library could not be loaded");
    }
}
