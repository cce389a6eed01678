package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.model.folder.EnsembleMember;
import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.train.data.ValidationSplit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The held-out validation images: fixed, and never among the images trained on. */
class ValidationSplitTest {

    @Test
    void theHeldOutImagesAreDisjointFromTheTrainingImagesAndTogetherAreAll() {
        ValidationSplit split = new ValidationSplit(60_000, 5_000);
        List<Long> validation = split.validationIndices();
        List<Long> training = split.trainingIndices();
        assertThat(validation).hasSize(5_000).doesNotHaveDuplicates().isSorted();
        assertThat(training).hasSize(55_000).doesNotHaveDuplicates().isSorted();
        Set<Long> all = new HashSet<>(validation);
        all.addAll(training);
        assertThat(all).hasSize(60_000);
        assertThat(all).allSatisfy(i -> assertThat(i).isBetween(0L, 59_999L));
        // Spread over the file, not its first or last images: the file is in no useful order, but a slice would be a choice.
        assertThat(validation.get(0)).isLessThan(100L);
        assertThat(validation.get(validation.size() - 1)).isGreaterThan(59_900L);
    }

    @Test
    void theSplitIsFixed() {
        assertThat(new ValidationSplit(60_000, 5_000).validationIndices())
                .isEqualTo(new ValidationSplit(60_000, 5_000).validationIndices());
        assertThat(new ValidationSplit(2_500, 500).validationIndices()).hasSize(500)
                .isEqualTo(new ValidationSplit(2_500, 500).validationIndices());
    }

    @Test
    void aSplitThatLeavesNothingToTrainOrValidateOnIsRefused() {
        assertThatThrownBy(() -> new ValidationSplit(100, 100)).hasMessageContaining("leave at least 1 to train on");
        assertThatThrownBy(() -> new ValidationSplit(100, 0)).hasMessageContaining("hold out at least 1");
    }

    @Test
    void aModelIsJudgedOnWhatItsTrainingHeldOutAndAnEnsembleOnWhatAllItsMembersDid() {
        assertThat(ValidationSplit.heldOutBy(trained(55_000, 5_000))).isEqualTo(new ValidationSplit(60_000, 5_000));
        assertThat(ValidationSplit.heldOutBy(ensemble(recipe(55_000, 5_000), recipe(55_000, 5_000))))
                .isEqualTo(new ValidationSplit(60_000, 5_000));
        assertThatThrownBy(() -> ValidationSplit.heldOutBy(trained(60_000, 0)))
                .hasMessageContaining("the model held no training images out");
        // 5,000 of 60,000 and 5,000 of 59,000 are different images: each member trained on some the other held out.
        assertThatThrownBy(() -> ValidationSplit.heldOutBy(ensemble(recipe(55_000, 5_000), recipe(54_000, 5_000))))
                .hasMessageContaining("held out different training images")
                .hasMessageContaining("5000 of the first 59000").hasMessageContaining("member-1");
        assertThatThrownBy(() -> ValidationSplit.heldOutBy(ensemble(recipe(55_000, 5_000), recipe(60_000, 0))))
                .hasMessageContaining("its member member-1 held no training images out");
    }

    private static Hyperparameters recipe(int trainImages, int validationImages) {
        return new Hyperparameters(30, 128, 0.001, 0.9, 0.999, 1e-7, 1, trainImages, 10_000, validationImages,
                "none", "constant", "augmented");
    }

    private static ModelMetadata trained(int trainImages, int validationImages) {
        return metadata("strided-cnn", recipe(trainImages, validationImages), List.of());
    }

    private static ModelMetadata ensemble(Hyperparameters... members) {
        List<EnsembleMember> described = new java.util.ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            described.add(new EnsembleMember("member-" + i, "sha" + i, "PyTorch", members[i], 0.99));
        }
        return metadata("ensemble", null, described);
    }

    private static ModelMetadata metadata(String architecture, Hyperparameters recipe, List<EnsembleMember> members) {
        return new ModelMetadata(2, "digits-0000.params", "0".repeat(64), 1, architecture, java.util.Map.of(),
                "PyTorch", "2.7.1", "cpu()", recipe, java.util.Map.of(), 0.99, 1, "2026-12-02T00:00:00Z", members);
    }
}
