package dev.digits.cli;

import dev.digits.model.folder.ModelFolder;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The model folder argument the commands share: {@code [MODEL_DIR]}, default {@value ModelFolder#DEFAULT_DIR}. */
public final class ModelFolderArgument {

    @Parameters(index = "0", defaultValue = ModelFolder.DEFAULT_DIR, paramLabel = "MODEL_DIR",
            description = "The model folder (default: ${DEFAULT-VALUE}).")
    Path path;

    public Path path() {
        return path;
    }
}
