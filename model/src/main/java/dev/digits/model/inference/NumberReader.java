package dev.digits.model.inference;

import dev.digits.model.image.DigitSegmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a number from an image's marks: every way of reading every mark (whole, or cut in two or
 * three where it is wide enough for more than one digit) goes through the network in one batch,
 * and each mark keeps the reading whose digits' log-probabilities, summed, and the segmentation's
 * prior for it score highest: the mark whole where it ties.
 */
final class NumberReader {

    /** A candidate digit: its place in the batch, its 784 pixels and its box in the image. */
    private record Piece(int index, float[] pixels, int[] box) {}

    /** One way to read a mark: its pieces left to right, and the segmentation's prior for it. */
    private record Candidate(List<Piece> pieces, double prior) {}

    private NumberReader() {}

    /**
     * The number the marks hold.
     *
     * @param network reads a batch of 784-pixel images, one prediction each
     */
    static NumberReading read(DigitSegmentation segmentation, List<DigitSegmentation.Mark> marks,
            Function<List<float[]>, List<Prediction>> network) {
        List<float[]> batch = new ArrayList<>();
        List<List<Candidate>> candidates = new ArrayList<>();
        for (DigitSegmentation.Mark mark : marks) {
            candidates.add(candidates(segmentation, mark, marks, batch));
        }
        List<Prediction> predictions = network.apply(batch);
        List<NumberReading.DigitInNumber> digits = new ArrayList<>();
        StringBuilder number = new StringBuilder();
        double confidence = 1;
        for (List<Candidate> ofMark : candidates) {
            for (Piece piece : surest(ofMark, predictions).pieces()) {
                Prediction prediction = predictions.get(piece.index());
                digits.add(new NumberReading.DigitInNumber(prediction.digit(), prediction.confidence(), piece.box(),
                        prediction, piece.pixels()));
                number.append(prediction.digit());
                confidence *= prediction.confidence();
            }
        }
        return new NumberReading(number.toString(), (float) confidence, digits);
    }

    /** The ways to read a mark whose pieces all hold ink, their pieces added to the batch. */
    private static List<Candidate> candidates(DigitSegmentation segmentation, DigitSegmentation.Mark mark,
            List<DigitSegmentation.Mark> marks, List<float[]> batch) {
        List<Candidate> candidates = new ArrayList<>();
        for (DigitSegmentation.Reading reading : segmentation.readings(mark, marks)) {
            List<Piece> pieces = new ArrayList<>();
            for (int[] columns : reading.columnRanges()) {
                int[] box = new int[4];
                float[] pixels = segmentation.pixels(mark, columns, box);
                if (pixels == null) {
                    pieces = null;
                    break;
                }
                pieces.add(new Piece(batch.size() + pieces.size(), pixels, box));
            }
            if (pieces != null) {
                for (Piece piece : pieces) {
                    batch.add(piece.pixels());
                }
                candidates.add(new Candidate(pieces, reading.prior()));
            }
        }
        return candidates;
    }

    /** The reading that scores highest, the first (the mark whole) where they tie. */
    private static Candidate surest(List<Candidate> candidates, List<Prediction> predictions) {
        Candidate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Candidate candidate : candidates) {
            double score = candidate.prior();
            for (Piece piece : candidate.pieces()) {
                score += Math.log(Math.max(1e-9, predictions.get(piece.index()).confidence()));
            }
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }
}
