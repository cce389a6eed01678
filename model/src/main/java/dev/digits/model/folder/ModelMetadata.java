package dev.digits.model.folder;

import java.util.Map;

/**
 * What a model is and how it was made; saved as the model folder's {@code metadata.json}.
 * Writing this file is the moment a new model replaces the old one.
 *
 * @param formatVersion the model folder format, {@value ModelFolder#FORMAT_VERSION}
 * @param paramsFile the DJL parameters file in the folder
 * @param paramsSha256 its SHA-256, checked when the model loads
 * @param parameterCount the network's parameter count
 * @param engine the engine that trained the model
 * @param engineVersion its version
 * @param device the device it trained on
 * @param hyperparameters the training recipe
 * @param dataChecksums SHA-256 of each data file used
 * @param testAccuracy accuracy on the test images after training
 * @param trainingSeconds wall time of training
 * @param createdAt ISO-8601 time the model was saved
 */
public record ModelMetadata(
        int formatVersion,
        String paramsFile,
        String paramsSha256,
        long parameterCount,
        String engine,
        String engineVersion,
        String device,
        Hyperparameters hyperparameters,
        Map<String, String> dataChecksums,
        double testAccuracy,
        double trainingSeconds,
        String createdAt) {

    public ModelMetadata {
        // Sorted, so the file reads the same on every run.
        dataChecksums = java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(dataChecksums == null ? Map.of() : dataChecksums));
    }
}
