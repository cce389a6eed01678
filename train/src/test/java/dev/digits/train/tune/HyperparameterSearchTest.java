package dev.digits.train.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.train.training.Recipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording trials that finish in any order, as a cluster finishes them, and resuming with those not done. */
class HyperparameterSearchTest {

    @TempDir
    Path dir;

    private HyperparameterSearch search() {
        return new HyperparameterSearch(dir, new SearchSettings(Recipe.DEFAULT, 1, 1000, 100, 7));
    }

    private static Trial finished(int number) {
        return new Trial(number, 0.001, 64, "none", 0.5 + number / 100.0, 1.0, 2.0);
    }

    @Test
    void trialsFinishedOutOfOrderAreTabledInOrderAndTheRestRunOnResume() throws Exception {
        List<List<Integer>> asked = new ArrayList<>();
        // Trials 3 and 1 finish; then the run stops, as a driver stopped mid-search.
        assertThatThrownBy(() -> search().run(4, (numbers, done) -> {
            asked.add(List.copyOf(numbers));
            done.accept(finished(3));
            done.accept(finished(1));
            throw new IllegalStateException("stopped");
        })).hasMessage("stopped");
        List<String> table = Files.readAllLines(dir.resolve(HyperparameterSearch.TABLE));
        assertThat(table).hasSize(3);
        assertThat(table.get(1)).startsWith("1,");
        assertThat(table.get(2)).startsWith("3,");

        List<Trial> all = search().run(4, (numbers, done) -> {
            asked.add(List.copyOf(numbers));
            for (int i = numbers.size() - 1; i >= 0; i--) {
                done.accept(finished(numbers.get(i)));
            }
        });
        assertThat(asked).containsExactly(List.of(1, 2, 3, 4), List.of(2, 4));
        assertThat(all).extracting(Trial::trial).containsExactly(1, 2, 3, 4);
        assertThat(Files.readAllLines(dir.resolve(HyperparameterSearch.TABLE))).hasSize(5);
    }

    @Test
    void aTrialRecordedTwiceIsRefused() {
        assertThatThrownBy(() -> search().run(2, (numbers, done) -> {
            done.accept(finished(1));
            done.accept(finished(1));
        })).hasMessageContaining("trial 1 finished twice");
    }
}
