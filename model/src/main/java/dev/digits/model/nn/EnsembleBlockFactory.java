package dev.digits.model.nn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an ensemble: {@value #MEMBERS} networks of one architecture, {@value #MEMBER_ARCHITECTURE},
 * each built as digits trains it, run side by side on the same images in a DJL
 * {@link ParallelBlock}. Its output is the logarithm of the mean of the members' probabilities, so
 * the softmax every reader already applies gives that mean.
 */
public final class EnsembleBlockFactory implements DigitBlockFactory {

    private static final long serialVersionUID = 1L;

    static final String MEMBERS = "members";
    static final String MEMBER_ARCHITECTURE = "memberArchitecture";
    /** More members than this cost more time than they could add accuracy. */
    public static final int MAX_MEMBERS = 10;

    /** The arguments of an ensemble of {@code members} networks of one architecture. */
    public static Map<String, String> arguments(int members, Architecture member) {
        return Map.of(MEMBERS, Integer.toString(members), MEMBER_ARCHITECTURE, member.id());
    }

    @Override
    public String description() {
        return "trained networks of one architecture side by side, answering the mean of their"
                + " probabilities (made by digits ensemble, not trained)";
    }

    @Override
    public Map<String, String> defaultArguments() {
        return Map.of(MEMBERS, "2", MEMBER_ARCHITECTURE, "seed-cnn");
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        requireArguments(arguments);
        int count = BlockArguments.positiveInt(arguments, MEMBERS);
        if (count < 2 || count > MAX_MEMBERS) {
            throw new IllegalArgumentException("the argument " + MEMBERS + " is " + count + "; an ensemble has 2 to "
                    + MAX_MEMBERS + " members");
        }
        Object named = arguments.get(MEMBER_ARCHITECTURE);
        Architecture member = Architecture.parse(named == null ? null : named.toString());
        if (member == Architecture.ENSEMBLE) {
            throw new IllegalArgumentException("an ensemble's members cannot be ensembles");
        }
        List<Block> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(member.newBlock(member.defaultArguments()));
        }
        return new ParallelBlock(EnsembleBlockFactory::meanProbabilities, members);
    }

    /** log(mean(softmax(logits of each member))), per image. */
    private static NDList meanProbabilities(List<NDList> memberLogits) {
        NDList probabilities = new NDList();
        for (NDList logits : memberLogits) {
            probabilities.add(logits.singletonOrThrow().softmax(-1));
        }
        NDArray mean = NDArrays.stack(probabilities, 0).mean(new int[] {0});
        // A probability that underflowed to 0 would give -infinity; the floor changes nothing else.
        return new NDList(mean.maximum(Float.MIN_NORMAL).log());
    }
}
