package dev.digits.app;

import dev.digits.cli.ModelFolderArgument;
import dev.digits.model.folder.FolderUpgrade;
import dev.digits.model.folder.ModelFolder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits upgrade}: brings a model folder of an earlier digits up to the current format. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Brings a model folder written by an earlier digits (format 1: metadata.json) up to the"
                + " current format, a DJL model folder with serving.properties. The model itself is kept;"
                + " a folder already up to date is left as it is.")
public final class UpgradeCommand implements Callable<Integer> {

    @Mixin
    ModelFolderArgument modelFolder;

    @Override
    public Integer call() throws Exception {
        ModelFolder folder = new ModelFolder(modelFolder.path());
        if (FolderUpgrade.upgrade(folder)) {
            System.out.println("Upgraded " + folder.root() + " to model folder format " + ModelFolder.FORMAT_VERSION
                    + "; DJL's Criteria loads it now.");
        } else {
            System.out.println(folder.root() + " is already a format " + ModelFolder.FORMAT_VERSION
                    + " model folder; nothing to do.");
        }
        return 0;
    }
}
