package dev.digits.model.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The images a training run validated on after each epoch, as its history records them. */
public enum ValidationSet {
    /** MNIST's test images, as the reference does. */
    TEST("test"),
    /** Training images held out of training. */
    HELD_OUT("held-out");

    private final String id;

    ValidationSet(String id) {
        this.id = id;
    }

    /** The name in history files: {@code test} or {@code held-out}. */
    @JsonValue
    @Override
    public String toString() {
        return id;
    }

    /**
     * The set with this name in a history file.
     *
     * @throws IllegalArgumentException naming the sets there are
     */
    @JsonCreator
    public static ValidationSet parse(String id) {
        return Arrays.stream(values()).filter(set -> set.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown validation set '" + id + "'; histories record"
                        + " test or held-out"));
    }
}
