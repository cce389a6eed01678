package dev.digits.train.training;

import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.nn.Architecture;
import dev.digits.model.history.TrainingHistory;
import java.util.Map;

/**
 * What a checkpoint records besides the weights and optimizer state.
 *
 * @param architecture the network's id, absent in checkpoints of digits before architectures (the seed CNN)
 * @param epoch epochs finished
 * @param optimizerSteps optimizer steps taken
 * @param hyperparameters the run's recipe (its epochs are the run's target)
 * @param history the finished epochs
 * @param dataChecksums the data the run trains on
 * @param engine the engine that wrote the checkpoint
 * @param trainingSeconds wall time of training so far
 */
public record CheckpointInfo(
        String architecture,
        int epoch,
        int optimizerSteps,
        Hyperparameters hyperparameters,
        TrainingHistory history,
        Map<String, String> dataChecksums,
        String engine,
        double trainingSeconds) {

    /** The network the checkpoint holds. */
    public Architecture architectureOrSeed() {
        return architecture == null ? Architecture.SEED_CNN : Architecture.parse(architecture);
    }
}
