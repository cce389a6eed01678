package dev.digits.model.folder;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model is and how it was made; saved as the model folder's {@code metadata-SHA8.json},
 * named by the model's parameters. {@code serving.properties} names the folder's model.
 *
 * @param formatVersion the model folder format, {@value ModelFolder#FORMAT_VERSION}
 * @param paramsFile the DJL parameters file in the folder
 * @param paramsSha256 its SHA-256, checked when the model loads
 * @param parameterCount the network's parameter count
 * @param architecture the network, as {@link dev.digits.model.nn.Architecture#id()} names it
 * @param architectureArguments the arguments its block factory builds it from
 * @param engine the engine that trained the model
 * @param engineVersion its version
 * @param device the device it trained on
 * @param hyperparameters the training recipe; null for an ensemble, which is combined, not trained
 * @param dataChecksums SHA-256 of each data file used
 * @param testAccuracy accuracy on the test images after training
 * @param trainingSeconds wall time of training
 * @param createdAt ISO-8601 time the model was saved
 * @param members the models an ensemble was combined from; empty for a trained model
 * @param onnx the network exported as ONNX ({@code digits export}); null until it is
 */
public record ModelMetadata(
        int formatVersion,
        String paramsFile,
        String paramsSha256,
        long parameterCount,
        String architecture,
        Map<String, String> architectureArguments,
        String engine,
        String engineVersion,
        String device,
        Hyperparameters hyperparameters,
        Map<String, String> dataChecksums,
        double testAccuracy,
        double trainingSeconds,
        String createdAt,
        List<EnsembleMember> members,
        OnnxFile onnx) {

    /** A model as training or combining saves it: not exported yet. */
    public ModelMetadata(int formatVersion, String paramsFile, String paramsSha256, long parameterCount,
            String architecture, Map<String, String> architectureArguments, String engine, String engineVersion,
            String device, Hyperparameters hyperparameters, Map<String, String> dataChecksums, double testAccuracy,
            double trainingSeconds, String createdAt, List<EnsembleMember> members) {
        this(formatVersion, paramsFile, paramsSha256, parameterCount, architecture, architectureArguments, engine,
                engineVersion, device, hyperparameters, dataChecksums, testAccuracy, trainingSeconds, createdAt,
                members, null);
    }

    /** The same model, its ONNX export recorded. */
    public ModelMetadata withOnnx(OnnxFile exported) {
        return new ModelMetadata(formatVersion, paramsFile, paramsSha256, parameterCount, architecture,
                architectureArguments, engine, engineVersion, device, hyperparameters, dataChecksums, testAccuracy,
                trainingSeconds, createdAt, members, exported);
    }

    /**
     * The recipe that trained the network: its own, or for an ensemble the one all its members were
     * trained with; null for an ensemble whose members' recipes differ. A model that says none is the
     * first recipe's, as {@link Hyperparameters} reads it.
     */
    public String recipe() {
        if (members.isEmpty()) {
            return recipeOf(hyperparameters);
        }
        List<String> recipes = members.stream().map(member -> recipeOf(member.hyperparameters())).distinct().toList();
        return recipes.size() == 1 ? recipes.get(0) : null;
    }

    private static String recipeOf(Hyperparameters hyperparameters) {
        return hyperparameters == null ? Hyperparameters.FIRST_RECIPE : hyperparameters.recipe();
    }

    public ModelMetadata {
        // Sorted, so the file reads the same on every run.
        dataChecksums = sorted(dataChecksums);
        architectureArguments = sorted(architectureArguments);
        members = members == null ? List.of() : List.copyOf(members);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map == null ? Map.of() : map));
    }
}
