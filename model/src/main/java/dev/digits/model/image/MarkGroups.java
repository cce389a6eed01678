package dev.digits.model.image;

import dev.digits.model.image.DigitSegmentation.Mark;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups an image's marks, left to right, into digits: marks over the same columns are one digit
 * (a broken 4), and a mark too short to be a digit joins the nearer of its neighbours (a 5's flag
 * drawn apart, the dot of a broken stroke).
 */
final class MarkGroups {

    /** Marks that share this share of the narrower one's columns are one digit. */
    private static final double SAME_COLUMNS = 0.5;
    /**
     * A mark shorter than this share of the tallest marks' height is a piece of a digit (a 5's flag
     * drawn apart, a dot of a broken stroke), not a digit: digits of one number are about as tall.
     */
    private static final double PIECE = 0.4;
    /** A piece joins a neighbour at most this share of the digits' height away; further, it stays alone. */
    private static final double PIECE_REACH = 0.5;
    private MarkGroups() {}

    static Mark merge(Mark a, Mark b) {
        List<Integer> labels = new ArrayList<>(a.labels());
        labels.addAll(b.labels());
        return new Mark(Math.min(a.left(), b.left()), Math.min(a.top(), b.top()), Math.max(a.right(), b.right()),
                Math.max(a.bottom(), b.bottom()), labels, a.area() + b.area());
    }

    /** Joins marks over the same columns: the pieces of one digit. */
    static List<Mark> join(List<Mark> marks) {
        List<Mark> joined = new ArrayList<>();
        for (Mark mark : marks) {
            Mark last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null) {
                int shared = Math.min(last.right(), mark.right()) - Math.max(last.left(), mark.left()) + 1;
                if (shared >= SAME_COLUMNS * Math.min(last.width(), mark.width())) {
                    joined.set(joined.size() - 1, merge(last, mark));
                    continue;
                }
            }
            joined.add(mark);
        }
        return joined;
    }

    /**
     * The height of a number's digits: the upper median of its marks' heights (among two marks,
     * the taller). Digits of one number are about as tall, while their widths are not.
     */
    static int digitHeight(List<Mark> marks) {
        int[] heights = marks.stream().mapToInt(Mark::height).sorted().toArray();
        return heights[heights.length / 2];
    }

    /** Joins each mark too short to be a digit to the nearer of its neighbours, if one is near. */
    static List<Mark> joinPieces(List<Mark> marks) {
        if (marks.size() < 2) {
            return marks;
        }
        int digitHeight = digitHeight(marks);
        List<Mark> joined = new ArrayList<>(marks);
        for (int m = 0; m < joined.size(); m++) {
            Mark piece = joined.get(m);
            if (piece.height() >= PIECE * digitHeight) {
                continue;
            }
            int nearest = -1;
            int nearestGap = Integer.MAX_VALUE;
            for (int n : new int[] {m - 1, m + 1}) {
                if (n >= 0 && n < joined.size()) {
                    Mark other = joined.get(n);
                    int gap = Math.max(other.left() - piece.right(), piece.left() - other.right());
                    if (gap < nearestGap) {
                        nearest = n;
                        nearestGap = gap;
                    }
                }
            }
            if (nearestGap <= PIECE_REACH * digitHeight) {
                joined.set(nearest, merge(joined.get(nearest), piece));
                joined.remove(m);
                m = -1; // the order and the neighbours have changed: look again from the left
            }
        }
        return joined;
    }
}
