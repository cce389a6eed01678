package dev.digits.cli;

import dev.digits.engine.EngineSelectionException;
import dev.digits.model.folder.ModelFolderException;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * How every digits command line ends: one line on standard error, never a stack trace, and an
 * exit code that says whose move it is.
 *
 * <ul>
 *   <li>{@value #EXIT_OK}: success.
 *   <li>{@value #EXIT_INPUT}: a problem with the input a user can fix: an option value (a number
 *       that is not one, or out of range), the engine or device, a missing or damaged file.
 *   <li>{@value #EXIT_USAGE}: the command line itself is wrong (an unknown option, a missing
 *       command), or an unexpected failure.
 * </ul>
 *
 * <p>A process stopped by a signal exits with the JVM's own 128 + signal (130 for Ctrl-C, 143 for
 * SIGTERM) after its shutdown hooks ran: no code of ours chooses that number.
 */
public final class ErrorPolicy {

    public static final int EXIT_OK = 0;
    public static final int EXIT_INPUT = 1;
    public static final int EXIT_USAGE = 2;

    private static final Logger logger = LoggerFactory.getLogger(ErrorPolicy.class);

    private final String name;
    private final List<Class<?>> inputErrors;

    private ErrorPolicy(String name, List<Class<?>> inputErrors) {
        this.name = name;
        this.inputErrors = inputErrors;
    }

    /**
     * A picocli command line for the command, reporting errors by this policy.
     *
     * @param name the program's name, which starts each error line
     * @param command the picocli command object
     * @param moreInputErrors exception types, beside the engine's, the model folder's and
     *     {@link IllegalArgumentException}, that mean a problem with the user's input
     */
    public static CommandLine commandLine(String name, Object command, Class<?>... moreInputErrors) {
        List<Class<?>> input = new java.util.ArrayList<>(List.of(EngineSelectionException.class,
                ModelFolderException.class, IllegalArgumentException.class));
        input.addAll(List.of(moreInputErrors));
        ErrorPolicy policy = new ErrorPolicy(name, List.copyOf(input));
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(policy::executionError);
        commandLine.setParameterExceptionHandler(policy::parameterError);
        return commandLine;
    }

    private int parameterError(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(name + ": error: " + error.getMessage());
        boolean badValue = error.getCause() instanceof CommandLine.TypeConversionException
                || (error.getMessage() != null && error.getMessage().startsWith("Invalid value"));
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return badValue ? EXIT_INPUT : EXIT_USAGE;
    }

    private int executionError(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        logger.debug("details", error);
        if (inputErrors.stream().anyMatch(type -> type.isInstance(error))) {
            err.println(name + ": error: " + error.getMessage());
            err.flush();
            return EXIT_INPUT;
        }
        err.println(name + ": error: " + describe(error)
                + " (details in the log at DEBUG level: -Ddigits.log=debug)");
        err.flush();
        return EXIT_USAGE;
    }

    /** The messages of an error and its causes, outermost first. */
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
