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
        return modelName(paramsSha256) + ".onnx";
    }

    /** The ONNX file's name without its extension, as DJL's ONNX Runtime engine is told it. */
    public static String modelName(String paramsSha256) {
        return "model-" + ModelFolder.shortSha(paramsSha256);
    }

    /**
     * The folder's ONNX export, checked: recorded in the metadata, there, and with its SHA-256.
     *
     * @throws ModelFolderException naming what is missing or wrong, and how to export
     */
    public static Path verified(ModelFolder folder, ModelMetadata metadata) {
        Path file = recorded(folder, metadata);
        try {
            checkSha(folder, metadata, file, FileHashes.sha256(file));
        } catch (IOException e) {
            throw unreadable(folder, file, e);
        }
        return file;
    }

    /**
     * The bytes of the folder's ONNX export, checked as {@link #verified} checks the file: the
     * bytes read are the ones hashed, whatever happens to the file meanwhile.
     *
     * @throws ModelFolderException naming what is missing or wrong, and how to export
     */
    public static byte[] read(ModelFolder folder, ModelMetadata metadata) {
        Path file = recorded(folder, metadata);
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(folder, file, e);
        }
        checkSha(folder, metadata, file, FileHashes.sha256(bytes));
        return bytes;
    }

    private static Path recorded(ModelFolder folder, ModelMetadata metadata) {
        if (metadata.onnx() == null) {
            throw new ModelFolderException(folder.root() + " has no ONNX export, which ONNX Runtime runs; write one"
                    + " with: digits export " + folder.root());
        }
        if (!metadata.onnx().file().equals(fileName(metadata.paramsSha256()))) {
            throw new ModelFolderException(folder.resolve(ServingProperties.FILE) + "'s metadata names the ONNX file "
                    + metadata.onnx().file() + ", not " + fileName(metadata.paramsSha256()) + ", its model's.");
        }
        return folder.resolve(metadata.onnx().file());
    }

    private static void checkSha(ModelFolder folder, ModelMetadata metadata, Path file, String sha) {
        if (!sha.equals(metadata.onnx().sha256())) {
            throw new ModelFolderException(file + " is damaged or was replaced: its SHA-256 is " + sha + " but the"
                    + " metadata expects " + metadata.onnx().sha256() + "; export it again with: digits export "
                    + folder.root());
        }
    }

    private static ModelFolderException unreadable(ModelFolder folder, Path file, IOException e) {
        return new ModelFolderException("cannot read " + file + " (export it again with: digits export "
                + folder.root() + "): " + e.getMessage(), e);
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
