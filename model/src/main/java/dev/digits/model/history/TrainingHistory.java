package dev.digits.model.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The epochs of a training run, in order; saved beside its model as {@code history-SHA8.json}. */
public record TrainingHistory(List<EpochRecord> epochs) {

    public TrainingHistory {
        epochs = List.copyOf(epochs == null ? List.of() : epochs);
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() != i + 1) {
                throw new IllegalArgumentException(
                        "epochs must count 1, 2, 3, ... but entry " + (i + 1) + " is epoch " + epochs.get(i).epoch());
            }
        }
    }

    public static TrainingHistory empty() {
        return new TrainingHistory(List.of());
    }

    /** This history with one more epoch. */
    public TrainingHistory plus(EpochRecord record) {
        List<EpochRecord> more = new ArrayList<>(epochs);
        more.add(record);
        return new TrainingHistory(more);
    }

    public Optional<EpochRecord> last() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }

    public int size() {
        return epochs.size();
    }
}
