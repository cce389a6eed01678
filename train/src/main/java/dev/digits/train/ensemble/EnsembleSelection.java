package dev.digits.train.ensemble;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Workload;
import dev.digits.model.nn.DigitNetwork;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.data.ValidationSplit;
import dev.digits.train.evaluation.DigitEvaluator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses an ensemble's members among trained model folders by greedy forward selection (Caruana
 * et al., 2004): the candidate with the lowest loss on the training images they all held out
 * first, then, one at a time, the one that most lowers the loss of the mean of the chosen members'
 * probabilities, until none lowers it or the ensemble is full. The loss, not the accuracy, decides:
 * on a few thousand images good models differ by a handful of them. Only held-out training images
 * are read; the test images stay for the report.
 */
public final class EnsembleSelection {

    private static final Logger logger = LoggerFactory.getLogger(EnsembleSelection.class);

    /**
     * One step of the selection.
     *
     * @param added the folder this step added
     * @param members the folders chosen so far, in the order they were added
     * @param loss the held-out mean cross-entropy of their mean probabilities
     * @param accuracy their held-out accuracy
     */
    public record Step(Path added, List<Path> members, double loss, double accuracy) {}

    private final EngineRuntime runtime;

    public EnsembleSelection(EngineRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The steps of the selection; the last one's members are the ensemble.
     *
     * @param candidates trained folders of one architecture that held out the same images
     * @param maxMembers the most members to choose, 2 or more
     * @throws IllegalArgumentException if the candidates cannot be chosen among, naming why
     */
    public List<Step> choose(List<Path> candidates, int maxMembers, MnistFiles data)
            throws IOException, TranslateException {
        if (maxMembers < 2) {
            throw new IllegalArgumentException("an ensemble has at least 2 members; cannot choose " + maxMembers);
        }
        List<ModelMetadata> metadata = EnsembleCombiner.check(candidates, null);
        ValidationSplit split = commonSplit(candidates, metadata, data);
        logger.info("Choosing up to {} of {} models on the {}", maxMembers, candidates.size(), split.describe());
        int[] truth = new int[split.heldOut()];
        double[][] sum = new double[truth.length][DigitNetwork.CLASSES];
        List<double[][]> probabilities = new ArrayList<>();
        try (NDManager manager = runtime.newDataManager()) {
            // Loaded once: every candidate reads the same images.
            RandomAccessDataset images = data.heldOut(split, manager);
            for (int c = 0; c < candidates.size(); c++) {
                double[][] answers = heldOutProbabilities(candidates.get(c), images, truth, manager);
                logger.info("{} ({}): held-out loss {}", candidates.get(c), metadata.get(c).engine(),
                        String.format(Locale.ROOT, "%.5f", meanLoss(sum, answers, 1, truth)));
                probabilities.add(answers);
            }
        }

        List<Step> steps = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        while (chosen.size() < Math.min(maxMembers, candidates.size())) {
            int best = -1;
            double loss = Double.POSITIVE_INFINITY;
            for (int c = 0; c < candidates.size(); c++) {
                if (!chosen.contains(c)) {
                    double candidateLoss = meanLoss(sum, probabilities.get(c), chosen.size() + 1, truth);
                    if (candidateLoss < loss) {
                        best = c;
                        loss = candidateLoss;
                    }
                }
            }
            // Two members at least: one would not be an ensemble.
            if (chosen.size() >= 2 && loss >= bestLoss) {
                logger.info("None of the other {} lowers the held-out loss: {} members", candidates.size()
                        - chosen.size(), chosen.size());
                break;
            }
            chosen.add(best);
            add(sum, probabilities.get(best));
            bestLoss = loss;
            List<Path> members = chosen.stream().map(candidates::get).toList();
            Step step = new Step(candidates.get(best), members, loss, accuracy(sum, truth));
            logger.info("Chose {} (with {} chosen: held-out loss {}, accuracy {})", step.added(), members.size(),
                    String.format(Locale.ROOT, "%.5f", step.loss()), String.format(Locale.ROOT, "%.4f", step.accuracy()));
            steps.add(step);
        }
        return steps;
    }

    private static ValidationSplit commonSplit(List<Path> candidates, List<ModelMetadata> metadata,
            MnistFiles data) {
        ValidationSplit common = null;
        for (int i = 0; i < candidates.size(); i++) {
            ValidationSplit split;
            try {
                split = ValidationSplit.heldOutBy(metadata.get(i));
                data.requireTrainingFilesOf(metadata.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot choose among models on held-out images: "
                        + candidates.get(i) + ": " + e.getMessage(), e);
            }
            if (common != null && !split.equals(common)) {
                throw new IllegalArgumentException("cannot choose among models that held out different images: "
                        + candidates.get(0) + " had " + common.describe() + ", " + candidates.get(i) + " had "
                        + split.describe() + "; choose among runs that held out the same images (runs of one"
                        + " recipe do)");
            }
            common = split;
        }
        return common;
    }

    /** Each held-out image's probabilities as the candidate answers them, through the recognizer that serves it. */
    private double[][] heldOutProbabilities(Path candidate, RandomAccessDataset images, int[] truth,
            NDManager manager) throws IOException, TranslateException {
        double[][] answers = new double[truth.length][];
        try (DigitRecognizer recognizer = DigitRecognizer.builder(candidate).optRuntime(runtime)
                .optWorkload(Workload.BATCHES).build()) {
            DigitEvaluator.read(recognizer::classify, images, manager, answer -> {
                answers[answer.index()] = answer.byDigit();
                truth[answer.index()] = answer.truth();
            });
        }
        return answers;
    }

    private static double meanLoss(double[][] sum, double[][] candidate, int members, int[] truth) {
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            total += DigitEvaluator.loss((sum[i][truth[i]] + candidate[i][truth[i]]) / members);
        }
        return total / truth.length;
    }

    private static double accuracy(double[][] sum, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (DigitEvaluator.mostLikely(sum[i]) == truth[i]) {
                right++;
            }
        }
        return (double) right / truth.length;
    }

    private static void add(double[][] sum, double[][] member) {
        for (int i = 0; i < sum.length; i++) {
            for (int c = 0; c < sum[i].length; c++) {
                sum[i][c] += member[i][c];
            }
        }
    }
}
