package dev.digits.train.tune;

import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** Runs a search's trials: one after the other in this JVM, or as tasks of a cluster. */
@FunctionalInterface
public interface TrialRunner {

    /**
     * Runs each trial once, handing each to {@code finished} as it finishes (from any thread), and
     * returns when all have.
     *
     * @param numbers the trials' numbers
     */
    void run(List<Integer> numbers, Consumer<Trial> finished) throws IOException, TranslateException;
}
