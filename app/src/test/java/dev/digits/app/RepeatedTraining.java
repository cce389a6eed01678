package dev.digits.app;

import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.app.DigitsCommand;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains a tiny model several times in one JVM and prints the process's resident memory after
 * each run: {@code rss-kb=N}. Arguments: the engine, the number of runs, a scratch folder.
 */
public final class RepeatedTraining {

    private RepeatedTraining() {}

    public static void main(String[] args) throws Exception {
        EngineRuntime.activate(new EngineSelection(EngineName.parse(args[0], "arguments"), DeviceChoice.cpu()));
        int runs = Integer.parseInt(args[1]);
        for (int run = 1; run <= runs; run++) {
            int exit = DigitsCommand.run("train", "-o", Path.of(args[2], "run-" + run).toString(), "--epochs", "1",
                    "--train-limit", "256", "--test-limit", "64", "--batch-size", "64", "--no-charts");
            if (exit != 0) {
                throw new IllegalStateException("training run " + run + " exited " + exit);
            }
            System.gc();
            System.out.println("rss-kb=" + residentKilobytes());
        }
    }

    private static long residentKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
