package dev.digits.model.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the digits of a handwritten number in an image of ink (0 background, 1 ink): connected
 * marks, with the pieces of one digit joined (a broken 4: marks over the same columns; a 5's flag
 * beside its body: a mark too short to be a digit, joined to its nearer neighbour), specks
 * dropped, and marks that may be more than one digit offered cut into pieces as wide as digits,
 * as candidates for the recognizer to choose between, each with a prior from its width.
 */
public final class DigitSegmentation {

    /** Ink above this level belongs to a mark: low, so that thin strokes hold together. */
    private static final float INK = 0.1f;
    /*
     * How a mark is read: whole, or cut, whichever scores highest, the score being the sum of the
     * log-probabilities of its digits plus a prior from the mark's width against the height of the
     * number's digits (MarkGroups.digitHeight: a 1 beside a 0 is as tall, not as wide). Single
     * MNIST digits in the held-out numbers below: half are narrower than 0.75 of the digits'
     * height, 1% wider than 1.24; of touching pairs, half are wider than 1.4. The constants were
     * chosen on 1,000 numbers of the held-out MNIST training images (bench/WholeNumbers.java
     * --held-out), with the seed and the robust model, as the setting that cuts the most touching
     * pairs apart while reading no number with gaps worse than never cutting does.
     */
    /**
     * Wider than this share of the digits' height (or of its own), a mark may be two digits: it is
     * also read cut, and read whole it is doubted in proportion.
     */
    static final double WIDE = 0.9;
    /** Reading a mark whole costs this much log-probability per digits' height of width beyond {@link #WIDE}. */
    static final double WIDTH_COST = 1.0;
    /**
     * Log-probability each digit a cut adds costs: pieces read as surely as the mark whole do not
     * cut it (of 426 held-out 0s cut in the middle, 81 read as two digits each over 95% sure,
     * mostly 6 and 7).
     */
    static final double DIGIT_COST = -0.6;
    /** Each piece of a cut is at least this share of the digits' height wide: a digit's sliver reads as a sure 1. */
    static final double PIECE_WIDTH = 0.4;
    /** And at most this share: wider than any single digit there, read or not. */
    static final double WIDEST_PIECE = 1.5;
    /**
     * A mark is offered at most this many cuts in two, evenly spread where more columns would do,
     * so that the batch stays small whatever the image's resolution: held out, 8 read 6 and 0
     * touching pairs of 1,000 fewer than every column, with 0.76 times as many images.
     */
    static final int MOST_CUTS = 8;

    private final float[] ink;
    private final int width;
    private final int height;

    /** A group of marks: one digit, or touching digits. */
    public record Mark(int left, int top, int right, int bottom, List<Integer> labels, int area) {
        int width() {
            return right - left + 1;
        }

        int height() {
            return bottom - top + 1;
        }
    }

    /**
     * One way to read a mark: as one digit or cut into several, each a box of columns.
     *
     * @param prior added to the mean log-probability of its digits
     */
    public record Reading(List<int[]> columnRanges, double prior) {}

    private final int[] labels;
    /** How many labels {@link #marks} gave, specks included. */
    private int labelCount;

    public DigitSegmentation(float[] ink, int width, int height) {
        this.ink = ink;
        this.width = width;
        this.height = height;
        this.labels = new int[ink.length];
    }

    /**
     * The marks left to right.
     *
     * @throws InvalidImageException if there are more than {@code maxMarks} marks that are not specks, or no mark
     *     that could be a digit
     */
    public List<Mark> marks(int maxMarks) {
        List<int[]> boxes = new ArrayList<>(); // left, top, right, bottom, area
        int[] stack = new int[ink.length];
        for (int start = 0; start < ink.length; start++) {
            if (ink[start] <= INK || labels[start] != 0) {
                continue;
            }
            int label = boxes.size() + 1;
            int[] box = {width, height, -1, -1, 0, 0}; // and the sum of its ink, in thousandths
            int size = 0;
            stack[size++] = start;
            labels[start] = label;
            while (size > 0) {
                int at = stack[--size];
                int x = at % width;
                int y = at / width;
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
                box[4]++;
                box[5] += Math.round(1000 * ink[at]);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && nx < width && ny >= 0 && ny < height) {
                            int next = ny * width + nx;
                            if (labels[next] == 0 && ink[next] > INK) {
                                labels[next] = label;
                                stack[size++] = next;
                            }
                        }
                    }
                }
            }
            boxes.add(box);
        }
        labelCount = boxes.size();
        MarkSorting.Sort[] sorts = MarkSorting.sort(boxes);
        List<Mark> marks = new ArrayList<>();
        List<Mark> small = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            int[] b = boxes.get(i);
            if (sorts[i] != MarkSorting.Sort.NOT_INK) {
                (sorts[i] == MarkSorting.Sort.SPECK ? small : marks)
                        .add(new Mark(b[0], b[1], b[2], b[3], List.of(i + 1), b[4]));
            }
        }
        // Specks do not count: a photo's grain leaves many, and they cost nothing to read.
        if (marks.size() > maxMarks) {
            throw new InvalidImageException(InvalidImageException.Reason.TOO_LARGE, "the image has more than "
                    + maxMarks + " separate marks; at most " + maxMarks + " are read (is it a photo of a page?)");
        }
        if (marks.isEmpty()) {
            throw new InvalidImageException(InvalidImageException.Reason.BLANK,
                    "the image is blank: no digit was found on its background");
        }
        marks.sort(Comparator.comparingInt(Mark::left));
        List<Mark> joined = MarkGroups.joinPieces(MarkGroups.join(marks));
        // A small piece inside a digit's box is part of it (a stroke the pen broke); elsewhere, a speck.
        for (Mark piece : small) {
            for (int m = 0; m < joined.size(); m++) {
                Mark mark = joined.get(m);
                int reach = Math.max(2, mark.height() / 8);
                if (piece.left() >= mark.left() - reach && piece.right() <= mark.right() + reach
                        && piece.top() >= mark.top() - reach && piece.bottom() <= mark.bottom() + reach) {
                    joined.set(m, MarkGroups.merge(mark, piece));
                    break;
                }
            }
        }
        return joined;
    }

    /**
     * The ways to read a mark: whole, and for one about as wide as a digit is tall, cut in two at
     * the columns that leave both pieces as wide as digits are, and in three at the columns of least
     * ink near its thirds where it is wide enough for three.
     */
    public List<Reading> readings(Mark mark, List<Mark> all) {
        double digitHeight = MarkGroups.digitHeight(all);
        double widthInDigits = mark.width() / digitHeight;
        List<Reading> readings = new ArrayList<>();
        readings.add(new Reading(List.of(new int[] {mark.left(), mark.right()}),
                -WIDTH_COST * Math.max(0, widthInDigits - WIDE)));
        if (widthInDigits < WIDE && mark.width() < WIDE * mark.height()) {
            return readings;
        }
        int narrowest = (int) Math.ceil(PIECE_WIDTH * digitHeight);
        int widest = (int) Math.floor(WIDEST_PIECE * digitHeight);
        // x: the first column of the right piece.
        int first = Math.max(mark.left() + narrowest, mark.right() + 1 - widest);
        int last = Math.min(mark.right() + 1 - narrowest, mark.left() + widest);
        int step = Math.max(1, (last - first + MOST_CUTS) / MOST_CUTS);
        for (int x = first; x <= last; x += step) {
            readings.add(new Reading(List.of(new int[] {mark.left(), x - 1}, new int[] {x, mark.right()}), DIGIT_COST));
        }
        // Three digits side by side are rarely narrower than 0.6 of their height each.
        if (mark.width() >= 3 * narrowest && mark.width() >= 1.8 * mark.height()) {
            readings.add(new Reading(threeParts(mark), 2 * DIGIT_COST));
        }
        return readings;
    }

    /** A mark cut in three at the columns of least ink near its thirds. */
    private List<int[]> threeParts(Mark mark) {
        boolean[] kept = labelsOf(List.of(mark));
        float[] profile = new float[mark.width()];
        for (int y = mark.top(); y <= mark.bottom(); y++) {
            for (int x = mark.left(); x <= mark.right(); x++) {
                if (kept[labels[y * width + x]]) {
                    profile[x - mark.left()] += ink[y * width + x];
                }
            }
        }
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        for (int cut = 1; cut < 3; cut++) {
            int centre = cut * mark.width() / 3;
            int reach = Math.max(1, mark.width() / 12);
            int best = centre;
            for (int x = Math.max(from + 1, centre - reach); x <= Math.min(mark.width() - 2, centre + reach); x++) {
                if (profile[x] < profile[best]) {
                    best = x;
                }
            }
            ranges.add(new int[] {mark.left() + from, mark.left() + best});
            from = best + 1;
        }
        ranges.add(new int[] {mark.left() + from, mark.right()});
        return ranges;
    }

    /** The ink of the given marks alone, with the soft edges of their strokes; specks and stray marks left out. */
    float[] inkOf(List<Mark> marks) {
        boolean[] kept = labelsOf(marks);
        float[] ink = new float[this.ink.length];
        for (int at = 0; at < ink.length; at++) {
            if (belongs(at, kept)) {
                ink[at] = this.ink[at];
            }
        }
        return ink;
    }

    /** Which labels the marks hold, indexed by label. */
    private boolean[] labelsOf(List<Mark> marks) {
        boolean[] kept = new boolean[labelCount + 1];
        for (Mark mark : marks) {
            for (int label : mark.labels()) {
                kept[label] = true;
            }
        }
        return kept;
    }

    /** A pixel of a kept mark, or an inked one beside it: the soft edge of its strokes. */
    private boolean belongs(int at, boolean[] kept) {
        if (ink[at] <= 0) {
            return false;
        }
        int x = at % width;
        int y = at / width;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx >= 0 && nx < width && ny >= 0 && ny < height && kept[labels[ny * width + nx]]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The ink of a mark between two columns, as MNIST pixels, and its box: x, y, width, height. */
    public float[] pixels(Mark mark, int[] columns, int[] box) {
        boolean[] kept = labelsOf(List.of(mark));
        int top = height;
        int bottom = -1;
        for (int y = mark.top(); y <= mark.bottom(); y++) {
            for (int x = columns[0]; x <= columns[1]; x++) {
                if (kept[labels[y * width + x]]) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (bottom < 0) {
            return null;
        }
        int boxWidth = columns[1] - columns[0] + 1;
        int boxHeight = bottom - top + 1;
        float[] piece = new float[boxWidth * boxHeight];
        boolean any = false;
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                int at = (top + y) * width + columns[0] + x;
                if (belongs(at, kept)) {
                    piece[y * boxWidth + x] = ink[at];
                    any |= ink[at] > 0;
                }
            }
        }
        if (!any) {
            return null;
        }
        box[0] = columns[0];
        box[1] = top;
        box[2] = boxWidth;
        box[3] = boxHeight;
        return MnistFraming.centre(piece, boxWidth, boxHeight);
    }
}
