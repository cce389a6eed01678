package dev.digits.model.zoo;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.BlockFactory;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ServingProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The block factory a digits model folder's {@code serving.properties} names. Before DJL reads
 * the weights it checks the folder: serving.properties, the metadata and the parameters file
 * agree, and the weights have their SHA-256. Then the architecture's own factory builds the
 * network from the arguments. Every problem is a {@link ModelFolderException} naming the file.
 */
public final class ModelFolderBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    /**
     * DJL checks the names of the weights it reads, not their shapes: the network the arguments
     * describe must have as many weights as the folder says it saved, and the parameters file
     * room for them (4 bytes each). Counted without allocating: arguments from a folder of
     * unknown origin must not decide how much memory loading it takes.
     */
    private static void checkParameterCount(ServingProperties serving, Model model, Path folder) {
        Path file = folder.resolve(ServingProperties.FILE);
        Path params = folder.resolve(serving.paramsFile());
        long bytes;
        try {
            bytes = Files.size(params);
        } catch (IOException e) {
            throw new ModelFolderException("cannot read " + params + ": " + e.getMessage() + ".", e);
        }
        if (serving.parameterCount() < 1 || serving.parameterCount() > bytes / Float.BYTES) {
            throw new ModelFolderException(file + " says the model has " + serving.parameterCount()
                    + " weights, but " + params.getFileName() + " has " + bytes + " bytes, room for at most "
                    + bytes / Float.BYTES + ".");
        }
        if (model == null) {
            return;
        }
        long count;
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            count = serving.architecture().countParameters(serving.architectureArguments(), scratch);
        }
        if (count != serving.parameterCount()) {
            throw new ModelFolderException(file + " says the model has " + serving.parameterCount() + " weights, but a "
                    + serving.architecture().id() + " network with its arguments has " + count + ".");
        }
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        try {
            ModelFolder folder = new ModelFolder(modelPath);
            ServingProperties committed = folder.readServingProperties();
            ServingProperties given = ServingProperties.fromMap(arguments, folder.resolve(ServingProperties.FILE));
            if (!given.equals(committed)) {
                throw new ModelFolderException(folder.resolve(ServingProperties.FILE) + " changed while the model"
                        + " was loading (a model was saved into the folder at that moment?); load it again.");
            }
            // The arguments first: the network's own checks bound them as it is built, and an unread
            // network holds no weights yet.
            Block block = committed.architecture().newBlock(committed.architectureArguments());
            folder.readMetadata(committed);
            folder.verifyParameters(committed);
            checkParameterCount(committed, model, folder.root());
            return block;
        } catch (IllegalArgumentException e) {
            if (model != null) {
                model.close();
            }
            throw new ModelFolderException(modelPath.resolve(ServingProperties.FILE) + ": " + e.getMessage() + ".", e);
        } catch (RuntimeException e) {
            // DJL made the model before asking for its block and will not close it when this fails.
            if (model != null) {
                model.close();
            }
            throw e;
        }
    }
}
