package dev.digits.train.training;

import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.nn.Architecture;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.data.MnistFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A run continued from its last checkpoint ({@code digits train --resume}): what it was, and its options now. */
public final class ResumedRun {

    private ResumedRun() {}

    /**
     * The recipe a run was trained with, as its checkpoint records it: a resumed run takes its
     * defaults (such as its number of epochs) from it.
     */
    public static Recipe recipeOf(Hyperparameters saved) {
        return Recipe.parse(saved.recipe());
    }

    /** The options of the run whose checkpoints are in a folder, if any, as its last checkpoint holds them. */
    public static Optional<Hyperparameters> hyperparameters(Path outputDir) throws IOException {
        Checkpoints checkpoints = new Checkpoints(new ModelFolder(outputDir));
        Optional<Path> latest = checkpoints.latest();
        return latest.map(checkpoint -> checkpoints.readInfo(checkpoint).hyperparameters());
    }

    /**
     * The options to continue a run with: its checkpoint's, but for the epochs to reach, the data
     * folder and the charts.
     *
     * @throws IllegalArgumentException naming what the request asks that the checkpoint cannot give
     */
    static TrainingOptions options(TrainingOptions requested, CheckpointInfo info, MnistFiles data) {
        Hyperparameters saved = info.hyperparameters();
        if (!info.dataChecksums().equals(data.checksums())) {
            throw new IllegalArgumentException("--resume: the checkpoint was trained on other data files ("
                    + info.dataChecksums() + ") than these (" + data.checksums() + ").");
        }
        if (info.epoch() >= requested.epochs()) {
            throw new IllegalArgumentException("--resume: the checkpoint already finished epoch " + info.epoch()
                    + " and --epochs is " + requested.epochs() + "; ask for more epochs to train further.");
        }
        Architecture architecture = info.architectureOrSeed();
        if (requested.architecture() != null && requested.architecture() != architecture) {
            throw new IllegalArgumentException("--resume: the checkpoint holds a " + architecture.id()
                    + " network, not " + requested.architecture().id() + "; resume without --architecture, or train"
                    + " anew.");
        }
        Recipe recipe = recipeOf(saved);
        if (requested.recipe() != recipe) {
            throw new IllegalArgumentException("--resume: the checkpoint was trained with the recipe " + recipe.id()
                    + ", not " + requested.recipe().id() + "; resume without --recipe, or train anew.");
        }
        return TrainingOptions.builder(recipe, requested.outputDir()).architecture(architecture)
                .epochs(requested.epochs()).batchSize(saved.batchSize()).learningRate(saved.learningRate())
                .seed(saved.seed()).trainLimit(saved.trainImages() + saved.validationImages())
                .testLimit(saved.testImages()).validationImages(saved.validationImages())
                .augmentation(Augmentation.parse(saved.augmentation()))
                .schedule(LearningRateSchedule.parse(saved.learningRateSchedule()))
                .dataDir(requested.dataDir()).resume(true).charts(requested.charts()).build();
    }
}
