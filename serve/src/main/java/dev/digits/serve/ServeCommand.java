package dev.digits.serve;

import dev.digits.cli.ModelFolderArgument;
import dev.digits.cli.ErrorPolicy;
import dev.digits.cli.ManifestVersion;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.engine.ThreadSettings;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Workload;
import java.nio.file.Files;
import org.slf4j.LoggerFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code digits-serve}: serves a model folder over HTTP until SIGTERM or Ctrl-C. */
@Command(name = "digits-serve", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ManifestVersion.class,
        description = {"Serves a trained model folder over HTTP: POST /predictions, POST /numbers, GET /ping,"
                + " GET /ready, GET /models, GET /metrics, GET /openapi.json, and a draw-a-digit page at /.",
            "Engine and device: -Dai.djl.default_engine=PyTorch|MXNet -Ddigits.device=auto|cpu|gpu (before -jar).",
            "For photos, scans and drawings, serve a model of the robust recipe (digits train --recipe robust)."})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    ModelFolderArgument modelFolder;

    @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-body", defaultValue = "" + ServerOptions.DEFAULT_MAX_BODY_BYTES, paramLabel = "BYTES",
            description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--max-pixels", defaultValue = "" + ServerOptions.DEFAULT_MAX_PIXELS,
            description = "Largest image in pixels, refused before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--max-batch", defaultValue = "" + ServerOptions.DEFAULT_MAX_BATCH,
            description = "Most images in one forward pass; 1 turns dynamic batching off (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "" + ServerOptions.DEFAULT_MAX_WAIT_MILLIS,
            description = "How long a batch waits for more requests (default: ${DEFAULT-VALUE}).")
    int maxWaitMillis;

    @Option(names = "--max-marks", defaultValue = "" + DigitRecognizer.DEFAULT_MAX_MARKS, paramLabel = "N",
            description = "Most separate marks POST /numbers reads in one image; more is refused with 413"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxMarks;

    @Option(names = "--max-decodes", paramLabel = "N",
            description = "Most images decoded (and numbers read) at once; more wait their turn, then get 503"
                    + " (default: one per core).")
    Integer maxDecodes;

    @Option(names = "--max-images", defaultValue = "" + ServerOptions.DEFAULT_MAX_IMAGES, paramLabel = "N",
            description = "Most images in one request; more is refused with 413 (default: ${DEFAULT-VALUE}).")
    int maxImages;

    @Option(names = "--max-queue", defaultValue = "" + ServerOptions.DEFAULT_MAX_QUEUED, paramLabel = "N",
            description = "Most images waiting for a forward pass; a request that would not fit gets 503 at once"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxQueued;

    @Option(names = "--min-upload-rate", defaultValue = "" + ServerOptions.DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND,
            paramLabel = "BYTES_PER_S", description = "Slowest a request body may arrive; slower ones get 408, so that"
                    + " a trickle does not hold a thread (default: ${DEFAULT-VALUE}; 0: no minimum).")
    int minUploadRate;

    @Override
    public Integer call() throws Exception {
        if (maxMarks < 1) {
            throw new IllegalArgumentException("--max-marks must be at least 1, got " + maxMarks);
        }
        ServerOptions options = new ServerOptions(host, port, maxBody, maxPixels, maxBatch, maxWaitMillis,
                maxDecodes == null ? ServerOptions.defaultMaxDecodes() : maxDecodes, maxImages, maxQueued,
                minUploadRate);
        EngineSelection selection = EngineSelection.fromEnvironment();
        int passesAtOnce = Workload.BATCHES.poolSize(selection.engine());
        // The batcher's forward passes share the cores with each other, request threads and clients.
        ThreadSettings.forServer(passesAtOnce);
        EngineRuntime runtime = EngineRuntime.activate(selection);
        if (!Files.isDirectory(modelFolder.path())) {
            throw new ModelFolderException("model folder " + modelFolder.path().toAbsolutePath()
                    + " does not exist; train one with: java -jar app/target/digits.jar train");
        }
        long loading = System.nanoTime();
        DigitRecognizer recognizer = DigitRecognizer.builder(modelFolder.path()).optRuntime(runtime)
                .optPoolSize(passesAtOnce).optMaxPixels(maxPixels).optMaxMarks(maxMarks).build();
        java.time.Duration loaded = java.time.Duration.ofNanos(System.nanoTime() - loading);
        DigitServer server = DigitServer.start(recognizer, options);
        server.modelLoaded(loaded);
        if (!"robust".equals(recognizer.metadata().recipe())) {
            LoggerFactory.getLogger(ServeCommand.class).info("For photos, scans and drawings, a model of the robust"
                    + " recipe reads more of them (digits train --recipe robust; docs/reading.md)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            recognizer.close();
            stopped.countDown();
        }, "digits-serve-stop"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code (see {@link ErrorPolicy}). */
    static int run(String... args) {
        return ErrorPolicy.commandLine("digits-serve", new ServeCommand()).execute(args);
    }
}
