package dev.digits.train.training;

import ai.djl.training.tracker.Tracker;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam, as DJL's own and Keras's (bias correction folded into the learning rate), with moment
 * estimates that can be saved in a checkpoint and loaded back. DJL's {@code Adam} keeps them
 * private, so a resumed run would restart the moments from zero and jolt the weights.
 *
 * <p>The moments belong to no NDManager (they outlive the arrays they are made from), so the
 * optimizer owns them: close it when training ends, or each run leaves twice the network's size
 * (16.6 MB) of native memory behind.
 */
public final class ResumableAdam extends Optimizer implements AutoCloseable {

    private final Tracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray> means = new ConcurrentHashMap<>();
    private final Map<String, NDArray> variances = new ConcurrentHashMap<>();
    private volatile int steps;

    private ResumableAdam(Builder builder) {
        super(builder);
        this.learningRate = builder.learningRate;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
        this.steps = builder.beginStep;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        steps = Math.max(steps, t);
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float rate = learningRate.getNewValue(parameterId, t);
        float correctedRate = (float) (rate * Math.sqrt(coef2) / coef1);
        NDArray mean = state(means, parameterId, weight);
        NDArray variance = state(variances, parameterId, weight);
        weight.getNDArrayInternal().adamUpdate(
                new NDList(weight, grad, mean, variance),
                new NDList(weight),
                rate,
                correctedRate,
                getWeightDecay(),
                rescaleGrad,
                clipGrad,
                beta1,
                beta2,
                epsilon,
                true,
                false);
    }

    /** Optimizer steps taken, counting steps before a resume. */
    public int steps() {
        return steps;
    }

    private static NDArray state(Map<String, NDArray> states, String id, NDArray weight) {
        return states.computeIfAbsent(id, k -> {
            NDArray zeros = weight.zerosLike();
            // The state outlives the manager of the array it was made from (MXNet's updater closes it).
            zeros.detach();
            return zeros;
        });
    }

    /** Frees the moment estimates; the optimizer cannot be used after this. */
    @Override
    public void close() {
        for (Map<String, NDArray> states : List.of(means, variances)) {
            states.values().forEach(NDArray::close);
            states.clear();
        }
    }

    /**
     * The parameters the optimizer updates, in the block's order: not batch normalisation's
     * running statistics, which the forward pass updates.
     */
    private static List<Pair<String, Parameter>> trained(Block block) {
        return block.getParameters().stream().filter(entry -> entry.getValue().requiresGradient()).toList();
    }

    /** Writes the moments of the block's trained parameters, in the block's parameter order. */
    public void saveState(Block block, OutputStream out) throws IOException {
        NDList list = new NDList();
        for (Pair<String, Parameter> entry : trained(block)) {
            Parameter parameter = entry.getValue();
            NDArray mean = means.get(parameter.getId());
            NDArray variance = variances.get(parameter.getId());
            if (mean == null || variance == null) {
                throw new IllegalStateException("no optimizer state for " + entry.getKey()
                        + ": save after at least one step");
            }
            list.add(mean);
            list.add(variance);
        }
        list.encode(out);
    }

    /** Reads moments written by {@link #saveState} for a block of the same network. */
    public void loadState(Block block, NDManager manager, InputStream in) throws IOException {
        NDList list = NDList.decode(manager, in);
        List<Pair<String, Parameter>> trained = trained(block);
        int expected = trained.size() * 2;
        if (list.size() != expected) {
            throw new IOException("optimizer state holds " + list.size() + " arrays, expected " + expected);
        }
        int i = 0;
        for (Pair<String, Parameter> entry : trained) {
            Parameter parameter = entry.getValue();
            NDArray mean = list.get(i++);
            NDArray variance = list.get(i++);
            if (!mean.getShape().equals(parameter.getArray().getShape())) {
                throw new IOException("optimizer state for " + entry.getKey() + " has shape " + mean.getShape()
                        + ", expected " + parameter.getArray().getShape());
            }
            mean.detach();
            variance.detach();
            replace(means, parameter.getId(), mean);
            replace(variances, parameter.getId(), variance);
        }
    }

    private static void replace(Map<String, NDArray> states, String id, NDArray state) {
        NDArray previous = states.put(id, state);
        if (previous != null) {
            previous.close();
        }
    }

    /** Builds a {@link ResumableAdam}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Tracker learningRate = Tracker.fixed(0.001f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-7f;
        private int beginStep;

        public Builder learningRate(double value) {
            learningRate = Tracker.fixed((float) value);
            return this;
        }

        /** A learning rate that changes with the optimizer's step (DJL counts steps from 1). */
        public Builder learningRate(Tracker tracker) {
            learningRate = tracker;
            return this;
        }

        public Builder betas(double first, double second) {
            beta1 = (float) first;
            beta2 = (float) second;
            return this;
        }

        public Builder epsilon(double value) {
            epsilon = (float) value;
            return this;
        }

        /** Continues the bias correction after this many steps already taken. */
        public Builder beginStep(int value) {
            beginStep = value;
            optBeginNumUpdate(value);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public ResumableAdam build() {
            return new ResumableAdam(this);
        }
    }
}
