package dev.digits.model.inference;

import dev.digits.engine.EngineName;

/** What the callers of a recognizer send; it decides how many predictors pay. */
public enum Workload {
    /**
     * Threads that each send one image. Single-image passes leave cores idle, so PyTorch gets
     * two predictors per core: with four calling threads on two cores, four predictors
     * answered about 25% more than two.
     */
    SINGLE_IMAGES,
    /**
     * A batching server's workers, one per predictor. A pass of many images keeps the cores
     * busy but for its serial parts: two PyTorch passes at once answered 15-18% more at 32
     * connections than one.
     */
    BATCHES;

    /** Predictors for this workload; MXNet always gets one, its engine is not safe to share. */
    public int poolSize(EngineName engine) {
        return poolSize(engine, null);
    }

    /** The predictors asked for, else this workload's; MXNet always gets one. */
    int poolSize(EngineName engine, Integer asked) {
        if (engine == EngineName.MXNET) {
            return 1;
        }
        if (asked != null) {
            return asked;
        }
        return this == SINGLE_IMAGES ? 2 * Runtime.getRuntime().availableProcessors() : 2;
    }
}
