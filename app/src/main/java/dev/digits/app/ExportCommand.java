package dev.digits.app;

import ai.djl.MalformedModelException;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import dev.digits.cli.ModelFolderArgument;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.folder.OnnxExports;
import dev.digits.model.folder.ServingProperties;
import dev.digits.model.zoo.ModelFolderBlockFactory;
import dev.digits.model.zoo.ModelFolderCriteria;
import dev.digits.onnx.OnnxExport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits export}: writes a model folder's network as ONNX beside it. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the folder's network as ONNX (model-SHA8.onnx: input 'pixels', a batch of (N, 1, 28, 28)"
                + " MNIST pixels; output 'probabilities', ten per image), after ONNX Runtime has answered as DJL"
                + " within 1e-4 on 64 images, and records it with its SHA-256 in the folder's metadata.",
            "Every architecture exports, ensembles as the mean of their members' probabilities."})
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ModelFolderArgument modelFolder;

    @Override
    public Integer call() throws IOException {
        EngineRuntime runtime = EngineRuntime.activateFromEnvironment().requireTraining("exporting");
        ModelFolder folder = new ModelFolder(modelFolder.path());
        if (!Files.isDirectory(folder.root())) {
            throw new ModelFolderException("model folder " + folder.root() + " does not exist.");
        }
        ServingProperties serving = folder.readServingProperties();
        ModelFolderBlockFactory checks = new ModelFolderBlockFactory(serving);
        byte[] onnx;
        // Loaded as every reader loads it: checked, then its weights read into the network.
        try (ZooModel<float[], Classifications> model = ModelFolderCriteria.builder(float[].class, folder, serving,
                checks).optEngine(runtime.name().djlName()).optDevice(runtime.device()).build().loadModel()) {
            onnx = OnnxExport.export(model.getBlock(), model.getNDManager());
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new ModelFolderException("cannot load the model in " + folder.root() + ": "
                    + EngineRuntime.rootMessage(e), e);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("the network of " + folder.root() + " cannot be exported: "
                    + e.getMessage(), e);
        }
        ModelMetadata recorded = OnnxExports.commit(folder, checks.checkedMetadata(), onnx, OnnxExport.OPSET);
        System.out.printf(java.util.Locale.ROOT, "Exported %s (%d bytes, SHA-256 %s, opset %d): ONNX Runtime answers"
                + " as DJL within %.0e on %d images.%n", folder.resolve(recorded.onnx().file()), onnx.length,
                recorded.onnx().sha256(), recorded.onnx().opset(), OnnxExport.TOLERANCE, OnnxExport.CHECKED_IMAGES);
        return 0;
    }
}
