package dev.digits.app;

import dev.digits.cli.ErrorPolicy;
import dev.digits.cli.ManifestVersion;
import dev.digits.train.data.MnistDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code digits} command line: its subcommands train, combine, export, evaluate, tune, chart, upgrade and read with models. */
@Command(
        name = "digits",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = {
            "Learns to read handwritten digits (MNIST) with a CNN on Deep Java Library.",
            "",
            "Engine and device are chosen with system properties, given before -jar:",
            "  -Dai.djl.default_engine=PyTorch|MXNet   (any letter case; when not given,",
            "                                           DJL_DEFAULT_ENGINE, else PyTorch)",
            "  -Ddigits.device=auto|cpu|gpu|gpu:N      (default auto: first GPU, else CPU)"
        },
        subcommands = {
            TrainCommand.class,
            EnsembleCommand.class,
            ExportCommand.class,
            EvaluateCommand.class,
            TuneCommand.class,
            ChartsCommand.class,
            UpgradeCommand.class,
            PredictCommand.class,
            EnginesCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DigitsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // Named from the subcommands themselves, so that the list cannot fall behind them.
        String commands = String.join(", ", spec.subcommands().keySet());
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: " + commands + ".");
    }

    public static void main(String[] args) {
        // Charts are files: no display is needed, also on a desktop.
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (see {@link ErrorPolicy}). */
    public static int run(String... args) {
        return ErrorPolicy.commandLine("digits", new DigitsCommand(), MnistDataException.class).execute(args);
    }
}
