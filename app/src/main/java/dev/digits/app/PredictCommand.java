package dev.digits.app;

import ai.djl.training.util.ProgressBar;
import dev.digits.cli.BatchReadingOptions;
import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.app.predict.AnswerFormat;
import dev.digits.app.predict.FileAnswer;
import dev.digits.app.predict.FileReader;
import dev.digits.app.predict.ImageFiles;
import dev.digits.train.training.Terminal;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code digits predict}: reads the digit in each image file. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reads the digit in image files (PNG, JPEG, GIF, BMP): files, folders (searched recursively)"
                + " and globs ('scans/**.png'). A file that cannot be read is an answer with its error; the exit"
                + " code is 1 only when no file could be read.")
public final class PredictCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files, folders or globs.")
    List<String> paths;

    @Option(names = {"-m", "--model"}, defaultValue = ModelFolder.DEFAULT_DIR, paramLabel = "DIR",
            description = "The model folder (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (one line per file), csv or jsonl (default: ${DEFAULT-VALUE}).",
            converter = FormatConverter.class)
    AnswerFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the answers to this file (default: standard output).")
    Path output;

    @Mixin
    BatchReadingOptions reading;

    @Option(names = "--numbers",
            description = "Read each image as a whole number of one or more digits: the number, its confidence"
                    + " and each digit with its box (x, y, width, height).")
    boolean numbers;

    @Override
    public Integer call() throws Exception {
        reading.check();
        int batchSize = reading.batchSize();
        EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
        List<Path> files = ImageFiles.expand(paths);
        int read = 0;
        int failed = 0;
        // The bar shares standard output with the answers unless they go to a file.
        boolean progress = output != null && Terminal.isInteractive();
        try (DigitRecognizer recognizer = DigitRecognizer.builder(model).optRuntime(runtime).optPoolSize(1).build();
                Writer writer = output == null ? standardOutput() : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
                AnswerFormat.Output answers = format.open(writer, numbers)) {
            FileReader reader = new FileReader(recognizer, reading.maxPixels());
            ProgressBar bar = progress ? new ProgressBar("Reading", files.size()) : null;
            for (int from = 0; from < files.size(); from += batchSize) {
                List<Path> batch = files.subList(from, Math.min(files.size(), from + batchSize));
                for (FileAnswer answer : numbers ? reader.readNumbers(batch) : reader.read(batch)) {
                    answers.write(answer);
                    if (answer.ok()) {
                        read++;
                    } else {
                        failed++;
                    }
                }
                if (bar != null) {
                    bar.update(from + batch.size());
                }
            }
            if (bar != null) {
                bar.end();
            }
        }
        System.err.println("Read " + read + " of " + files.size() + " files" + (failed > 0 ? "; " + failed
                + " could not be read (their errors are in the answers)" : "") + ".");
        return read > 0 ? 0 : ErrorPolicy.EXIT_INPUT;
    }

    /** Standard output as a writer whose close only flushes: the JVM's stream stays open. */
    private static Writer standardOutput() {
        return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
    }

    /** Reads {@code --format} in any letter case, listing the formats when one is unknown. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<AnswerFormat> {
        @Override
        public AnswerFormat convert(String value) {
            for (AnswerFormat format : AnswerFormat.values()) {
                if (format.name().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("unknown format '" + value
                    + "'; choose text, csv or jsonl");
        }
    }
}
