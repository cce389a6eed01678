package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's fetch of ONNX Runtime Web: no npm, the page reads on the server; a package not the published one, no build. */
class OnnxRuntimeWebBuildTest {

    private static final Path SCRIPT = Path.of("src", "build", "onnxruntime-web.sh");

    private record Run(int exit, String said) {}

    private static Run run(Path out, Path work, String npm) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), out.toString(), work.toString())
                .redirectErrorStream(true);
        builder.environment().put("NPM", npm);
        Process process = builder.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), said);
    }

    @Test
    void withoutNpmTheBuildGoesOnAndSaysThePageReadsOnTheServer(@TempDir Path dir) throws Exception {
        Run run = run(dir.resolve("out"), dir.resolve("work"), "/no/such/npm");
        assertThat(run.exit()).isZero();
        assertThat(run.said()).contains("npm is not installed").contains("read drawings on the server");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aPackageThatIsNotThePublishedOneStopsTheBuildAndIsNotUsed(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path tampered = work.resolve("onnxruntime-web-1.21.0.tgz");
        Files.writeString(tampered, "not the package");
        Run run = run(dir.resolve("out"), work, "/no/such/npm");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.said()).contains("[ERROR]").contains("SHA-256").contains("was not used");
        assertThat(tampered).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
