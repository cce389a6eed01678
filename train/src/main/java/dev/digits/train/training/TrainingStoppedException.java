package dev.digits.train.training;

/** Training stopped early on request; the last finished epoch's checkpoint is on disk. */
public class TrainingStoppedException extends RuntimeException {

    private final int finishedEpochs;

    public TrainingStoppedException(int finishedEpochs) {
        super("training stopped after " + finishedEpochs + " finished epoch(s); continue with --resume");
        this.finishedEpochs = finishedEpochs;
    }

    public int finishedEpochs() {
        return finishedEpochs;
    }
}
