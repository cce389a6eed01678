package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
