package dev.digits.model.zoo;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.BlockFactory;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.OnnxExports;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.folder.ServingProperties;
import dev.digits.model.nn.Architecture;
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

    /** serving.properties as the loader that made this factory read and checked it; null when DJL made it. */
    private final transient ServingProperties read;

    /** The metadata this factory checked, for the loader that gave it to DJL; null until a block is built. */
    private transient volatile ModelMetadata checked;

    /** The factory DJL makes from a folder's serving.properties: it reads and checks the file itself. */
    public ModelFolderBlockFactory() {
        this(null);
    }

    /**
     * The factory a loader gives DJL with the serving.properties it has read and checked, so that the
     * file is read once; what DJL read must be the same.
     */
    public ModelFolderBlockFactory(ServingProperties read) {
        this.read = read;
    }

    /**
     * DJL checks the names of the weights it reads, not their shapes: the network the arguments
     * describe must have as many weights as the folder says it saved, and the parameters file
     * room for them (4 bytes each). The network is counted without allocating its weights (each
     * is made a scalar while its shape is added up): arguments from a folder of unknown origin
     * must not decide how much memory loading it takes. DJL replaces the scalars as it reads the
     * weights into the same block.
     */
    private static void checkParameterCount(ServingProperties serving, Block block, Model model, Path folder) {
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
            count = Architecture.countParameters(block, scratch);
        }
        if (count != serving.parameterCount()) {
            throw new ModelFolderException(file + " says the model has " + serving.parameterCount() + " weights, but a "
                    + serving.architecture().id() + " network with its arguments has " + count + ".");
        }
    }

    /**
     * The metadata of the folder DJL loaded through this factory, as it was checked against the
     * serving.properties DJL read; each load reads it once.
     *
     * @throws IllegalStateException if no block was built yet
     */
    public ModelMetadata checkedMetadata() {
        ModelMetadata metadata = checked;
        if (metadata == null) {
            throw new IllegalStateException("no model was loaded through this factory");
        }
        return metadata;
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        try {
            ModelFolder folder = new ModelFolder(modelPath);
            // DJL hands over the file's arguments, not its options (the weights' name): those only the
            // whole file has, as the loader or this factory read it.
            ServingProperties committed = read != null ? read : folder.readServingProperties();
            ServingProperties given = ServingProperties.fromMap(arguments, folder.resolve(ServingProperties.FILE));
            if (!given.equals(committed)) {
                throw new ModelFolderException(folder.resolve(ServingProperties.FILE) + " changed while the model"
                        + " was loading (a model was saved into the folder at that moment?); load it again.");
            }
            if (model != null && DigitTranslatorFactory.runsExport(model)) {
                // ONNX Runtime runs the folder's export, not the network: no block, no weights to read.
                ModelMetadata metadata = folder.readMetadata(given);
                OnnxExports.verified(folder, metadata);
                checked = metadata;
                return null;
            }
            // The arguments first: the network's own checks bound them as it is built, and an unread
            // network holds no weights yet.
            Block block = given.architecture().newBlock(given.architectureArguments());
            ModelMetadata metadata = folder.readMetadata(given);
            folder.verifyParameters(given);
            checkParameterCount(given, block, model, folder.root());
            checked = metadata;
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
