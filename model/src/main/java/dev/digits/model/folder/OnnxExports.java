package dev.digits.model.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The ONNX file beside a folder's model: written under the model's name, then recorded with its
 * SHA-256 in the model's metadata, under the folder's commit lock. A process killed between the two
 * leaves a file no metadata names, which the next export replaces; a reader never sees a recorded
 * file that is not whole. A later model's commit removes it with the other model's files.
 */
public final class OnnxExports {

    private static final Pattern FILE = Pattern.compile("model-([0-9a-f]{8})\\.onnx");

    private OnnxExports() {}

    /** The name of the ONNX file of the model with these weights. */
    public static String fileName(String paramsSha256) {
        return "model-" + ModelFolder.shortSha(paramsSha256) + ".onnx";
    }

    /** Whether a file of the folder is the ONNX export of a model other than the one named by {@code ownSha8}. */
    static boolean ofOtherModel(String name, String ownSha8) {
        java.util.regex.Matcher matcher = FILE.matcher(name);
        return matcher.matches() && !matcher.group(1).equals(ownSha8);
    }

    /**
     * Writes the folder's model as ONNX and records it in the model's metadata.
     *
     * @param onnx the exported model, already checked against the network
     * @param opset the opset it declares
     * @return the metadata as recorded
     * @throws ModelFolderException if the folder's model changed since {@code exported} was read
     */
    public static ModelMetadata commit(ModelFolder folder, ModelMetadata exported, byte[] onnx, int opset)
            throws IOException {
        try (FolderLock lock = FolderLock.take(folder.root())) {
            ServingProperties serving = folder.readServingProperties();
            ModelMetadata current = folder.readMetadata(serving);
            if (!current.paramsSha256().equals(exported.paramsSha256())) {
                throw new ModelFolderException(folder.root() + " holds another model now (" + current.paramsFile()
                        + ") than the one exported (" + exported.paramsFile() + "); export it again.");
            }
            Path file = folder.resolve(fileName(current.paramsSha256()));
            AtomicFiles.write(file, out -> out.write(onnx));
            ModelMetadata recorded = current.withOnnx(new OnnxFile(file.getFileName().toString(),
                    FileHashes.sha256(file), opset));
            JsonFiles.write(folder.resolve(serving.metadataFile()), recorded);
            return recorded;
        }
    }
}
