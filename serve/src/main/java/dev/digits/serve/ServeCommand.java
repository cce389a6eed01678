package dev.digits.serve;

import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelectionException;
import dev.digits.engine.ThreadSettings;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.inference.DigitRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code digits-serve}: serves a model folder over HTTP until SIGTERM or Ctrl-C. */
@Command(name = "digits-serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a trained model folder over HTTP: POST /predictions, GET /ping, GET /models,"
                + " and a draw-a-digit page at /.",
            "Engine and device: -Dai.djl.default_engine=PyTorch|MXNet -Ddigits.device=auto|cpu|gpu (before -jar)."})
public final class ServeCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "models/digits", paramLabel = "MODEL_DIR",
            description = "The model folder (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-body", defaultValue = "4194304", paramLabel = "BYTES",
            description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--max-pixels", defaultValue = "16777216",
            description = "Largest image in pixels, refused before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--max-batch", defaultValue = "32",
            description = "Most images in one forward pass; 1 turns dynamic batching off (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "5",
            description = "How long a batch waits for more requests (default: ${DEFAULT-VALUE}).")
    int maxWaitMillis;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = new ServerOptions(host, port, maxBody, maxPixels, maxBatch, maxWaitMillis);
        // The batcher's forward passes share the cores with request threads and clients.
        ThreadSettings.sleepWhenIdle();
        EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
        if (!Files.isDirectory(modelDir)) {
            throw new ModelFolderException("model folder " + modelDir.toAbsolutePath()
                    + " does not exist; train one with: java -jar train/target/digits.jar train");
        }
        DigitRecognizer recognizer = DigitRecognizer.load(modelDir, runtime, poolSize(runtime), maxPixels);
        DigitServer server = DigitServer.start(recognizer, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            recognizer.close();
            stopped.countDown();
        }, "digits-serve-stop"));
        stopped.await();
        return 0;
    }

    private static int poolSize(EngineRuntime runtime) {
        // One batching worker per predictor. Two PyTorch passes at once answered 15-18% more at
        // 32 connections than one, as a pass leaves the cores idle in its serial parts.
        return runtime.name() == dev.digits.engine.EngineName.MXNET ? 1 : 2;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code: 1 for a bad model folder, engine or option. */
    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new ServeCommand());
        commandLine.setExecutionExceptionHandler((error, line, parse) -> {
            boolean known = error instanceof EngineSelectionException || error instanceof ModelFolderException
                    || error instanceof IllegalArgumentException;
            line.getErr().println("digits-serve: error: " + error.getMessage());
            return known ? 1 : 2;
        });
        return commandLine.execute(args);
    }
}
