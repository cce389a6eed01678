package dev.digits.train.training;

import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.TrainingHistory;

/** What a finished training run left in its model folder (a search's trial: its history alone, the rest null). */
public record TrainingResult(ModelFolder folder, ModelMetadata metadata, TrainingHistory history,
        Evaluation evaluation) {}
