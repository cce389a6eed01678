package dev.digits.train.cli;

import dev.digits.charts.ChartsCommand;
import dev.digits.engine.EngineSelectionException;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.train.data.MnistDataException;
import dev.digits.train.training.TrainingStoppedException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code digits} command line: train, evaluate, draw charts, list engines. */
@Command(
        name = "digits",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Learns to read handwritten digits (MNIST) with a CNN on Deep Java Library.",
            "",
            "Engine and device are chosen with system properties, given before -jar:",
            "  -Dai.djl.default_engine=PyTorch|MXNet   (default PyTorch; any letter case;",
            "                                           the DJL_DEFAULT_ENGINE variable wins)",
            "  -Ddigits.device=auto|cpu|gpu|gpu:N      (default auto: first GPU, else CPU)"
        },
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            ChartsCommand.class,
            EnginesCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DigitsCommand implements Runnable {

    /** Exit code for input a user can fix: a bad flag value, a missing file, an unusable engine. */
    public static final int EXIT_INPUT = 1;
    /** Exit code when training was stopped by a signal. */
    public static final int EXIT_STOPPED = 130;

    private static final Logger logger = LoggerFactory.getLogger(DigitsCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: train, evaluate, charts or engines.");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new DigitsCommand());
        commandLine.setExecutionExceptionHandler(DigitsCommand::handle);
        return commandLine.execute(args);
    }

    private static int handle(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (error instanceof TrainingStoppedException) {
            err.println("digits: " + error.getMessage());
            err.flush();
            return EXIT_STOPPED;
        }
        if (error instanceof EngineSelectionException
                || error instanceof MnistDataException
                || error instanceof ModelFolderException
                || error instanceof IllegalArgumentException) {
            err.println("digits: error: " + error.getMessage());
            err.flush();
            logger.debug("details", error);
            return EXIT_INPUT;
        }
        err.println("digits: error: " + describe(error)
                + " (the log has details at DEBUG level: -Dlogback.configurationFile or -Ddigits.log=debug)");
        err.flush();
        logger.debug("details", error);
        return 2;
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        Throwable current = error;
        while (current != null) {
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage());
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return text.toString();
    }
}
