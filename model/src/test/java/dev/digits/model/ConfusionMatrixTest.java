package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.digits.model.evaluation.ClassScore;
import dev.digits.model.evaluation.ConfusionMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void scoresFollowFromTheCounts() {
        ConfusionMatrix matrix = new ConfusionMatrix(3);
        // class 0: 3 right, 1 taken for 1; class 1: 2 right; class 2: 1 right, 1 taken for 0
        for (int i = 0; i < 3; i++) {
            matrix.add(0, 0);
        }
        matrix.add(0, 1);
        matrix.add(1, 1);
        matrix.add(1, 1);
        matrix.add(2, 2);
        matrix.add(2, 0);
        assertThat(matrix.total()).isEqualTo(8);
        assertThat(matrix.accuracy()).isCloseTo(6.0 / 8, within(1e-12));
        List<ClassScore> scores = matrix.classScores();
        assertThat(scores.get(0).precision()).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(scores.get(0).recall()).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(scores.get(1).precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(scores.get(1).recall()).isEqualTo(1.0);
        assertThat(scores.get(1).f1()).isCloseTo(2 * (2.0 / 3) / (2.0 / 3 + 1), within(1e-12));
        assertThat(scores.get(2).support()).isEqualTo(2);
    }

    @Test
    void anEmptyClassScoresZeroInsteadOfDividingByZero() {
        ConfusionMatrix matrix = ConfusionMatrix.of(new long[][] {{5, 0}, {0, 0}});
        assertThat(matrix.classScores().get(1)).isEqualTo(new ClassScore(1, 0, 0, 0, 0));
        assertThat(new ConfusionMatrix(2).accuracy()).isZero();
    }

    @Test
    void rejectsMatricesThatAreNotSquare() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, -2}, {3, 4}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
