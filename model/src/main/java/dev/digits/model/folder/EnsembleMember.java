package dev.digits.model.folder;

/**
 * One of the trained models an ensemble was combined from, as its metadata described it.
 *
 * @param folder the model folder it was read from
 * @param paramsSha256 the SHA-256 of its parameters
 * @param engine the engine that trained it
 * @param hyperparameters its training recipe
 * @param testAccuracy its own accuracy on the test images
 */
public record EnsembleMember(
        String folder, String paramsSha256, String engine, Hyperparameters hyperparameters, double testAccuracy) {}
