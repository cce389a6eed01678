package dev.digits.train.training;

import ai.djl.training.Trainer;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.ValidationSet;
import dev.digits.model.history.TrainingHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each epoch's losses, accuracies and speed into the training history, then hands the
 * history to a checkpoint writer. It must follow DJL's {@link EvaluatorTrainingListener}, which
 * computes the epoch's figures in its own {@code onEpoch}.
 */
final class EpochRecorder extends TrainingListenerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(EpochRecorder.class);

    /** Writes a checkpoint for the finished epoch. */
    @FunctionalInterface
    interface CheckpointWriter {
        void write(TrainingHistory history) throws IOException;
    }

    private final EvaluatorTrainingListener evaluators;
    private final CheckpointWriter checkpoints;
    private final ValidationSet validationSet;
    private TrainingHistory history;
    private long epochStart;
    private long trainingEnd;
    private long trainingImages;

    EpochRecorder(EvaluatorTrainingListener evaluators, TrainingHistory history, CheckpointWriter checkpoints,
            ValidationSet validationSet) {
        this.evaluators = evaluators;
        this.validationSet = validationSet;
        this.history = history;
        this.checkpoints = checkpoints;
    }

    void epochStarted() {
        epochStart = System.nanoTime();
        trainingEnd = epochStart;
        trainingImages = 0;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        trainingImages += batchData.getBatch().getSize();
        trainingEnd = System.nanoTime();
    }

    @Override
    public void onEpoch(Trainer trainer) {
        long end = System.nanoTime();
        Map<String, Float> latest = evaluators.getLatestEvaluations();
        double trainingSeconds = (trainingEnd - epochStart) / 1e9;
        EpochRecord record = new EpochRecord(
                history.size() + 1,
                value(latest, "train_loss"),
                value(latest, "train_Accuracy"),
                value(latest, "validate_loss"),
                value(latest, "validate_Accuracy"),
                (end - epochStart) / 1e9,
                trainingSeconds > 0 ? trainingImages / trainingSeconds : 0,
                validationSet);
        history = history.plus(record);
        logger.info(String.format(Locale.ROOT,
                "Epoch %d: train loss %.4f accuracy %.4f | validation (%s) loss %.4f accuracy %.4f | %.1f s, %.0f images/s",
                record.epoch(), record.trainLoss(), record.trainAccuracy(), validationSet, record.validationLoss(),
                record.validationAccuracy(), record.seconds(), record.imagesPerSecond()));
        try {
            checkpoints.write(history);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + record.epoch(), e);
        }
    }

    TrainingHistory history() {
        return history;
    }

    private static double value(Map<String, Float> latest, String key) {
        Float value = latest.get(key);
        return value == null ? Double.NaN : value;
    }
}
