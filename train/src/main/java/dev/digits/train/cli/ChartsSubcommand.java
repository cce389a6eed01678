package dev.digits.train.cli;

import dev.digits.model.folder.ModelFolder;

/** Placeholder until the charts module lands. */
@picocli.CommandLine.Command(name = "charts", description = "Draws the charts of a model folder.")
final class ChartsSubcommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalArgumentException("charts are not available yet");
    }

    static void drawAll(ModelFolder folder) {
    }
}
