package dev.digits.model.image;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which of an image's connected marks are a digit's ink, which are specks (kept only as pieces
 * inside a digit's box) and which are not ink at all: what the removal of uneven light left.
 * Each mark is a box as {@link DigitSegmentation} labels it: left, top, right, bottom, its pixels,
 * and the sum of its ink in thousandths.
 */
final class MarkSorting {

    /** What a mark is. */
    enum Sort { INK, SPECK, NOT_INK }

    /** A mark with less ink than this share of the largest is a speck, not a digit's part. */
    private static final double SPECK = 0.04;
    /** A mark whose mean ink is below this share of the strongest mark's is not ink. */
    private static final double FAINT = 0.5;
    /*
     * Dust on a photo beside a digit drawn with a thin pen has more than SPECK of the digit's ink: a
     * mark with less than STRAY of the largest mark's ink, no longer than STRAY_SIZE of the tallest
     * such mark's height either way, and further than STRAY_GAP of each such mark's height from all
     * of them, is a speck too. A stroke the pen broke lies nearer its digit. Measured on the reading
     * benchmark's dev halves (robust model): uneven light read 4 images more (thin-pen digits framed
     * with a speck beside them), the nineteen other kinds not one image otherwise, held-out numbers
     * the same. STRAY 0.08 or STRAY_GAP 0.15 read the same; STRAY 0.3, STRAY_SIZE 0.5 and STRAY_GAP
     * 0.3 together took a piece of an unevenly lit 9's stroke for dust.
     */
    private static final double STRAY = 0.15;
    private static final double STRAY_SIZE = 0.4;
    private static final double STRAY_GAP = 0.5;

    private MarkSorting() {}

    /** What each of the boxes is, in their order. */
    static Sort[] sort(List<int[]> boxes) {
        // Strokes are drawn with one pen: a mark much fainter than the strongest is what the removal
        // of uneven light left of a shadow's edge, not ink. Specks do not set the pen's strength.
        int largestOfAll = boxes.stream().mapToInt(b -> b[4]).max().orElse(0);
        double strongest = boxes.stream().filter(b -> b[4] >= SPECK * largestOfAll)
                .mapToDouble(MarkSorting::meanInk).max().orElse(0);
        Predicate<int[]> inked = b -> meanInk(b) >= FAINT * strongest;
        List<int[]> strong = boxes.stream().filter(inked).toList();
        int largest = strong.stream().mapToInt(b -> b[4]).max().orElse(0);
        List<int[]> substantial = strong.stream().filter(b -> b[4] >= STRAY * largest).toList();
        int tallest = substantial.stream().mapToInt(b -> b[3] - b[1] + 1).max().orElse(0);
        Sort[] sorts = new Sort[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            int[] b = boxes.get(i);
            if (!inked.test(b)) {
                sorts[i] = Sort.NOT_INK;
            } else {
                boolean speck = b[4] < SPECK * largest || b[4] < STRAY * largest && stray(b, substantial, tallest);
                sorts[i] = speck ? Sort.SPECK : Sort.INK;
            }
        }
        return sorts;
    }

    /** A box's mean ink: the sum of its ink (in thousandths) over its pixels. */
    private static double meanInk(int[] box) {
        return (double) box[5] / box[4];
    }

    /** A small mark far from every mark of some ink, in {@code substantial}: dust, not a digit's piece. */
    private static boolean stray(int[] box, List<int[]> substantial, int tallest) {
        if (Math.max(box[2] - box[0], box[3] - box[1]) + 1 >= STRAY_SIZE * tallest) {
            return false;
        }
        for (int[] other : substantial) {
            int gap = Math.max(Math.max(other[0] - box[2], box[0] - other[2]),
                    Math.max(other[1] - box[3], box[1] - other[3]));
            if (gap <= STRAY_GAP * (other[3] - other[1] + 1)) {
                return false;
            }
        }
        return true;
    }
}
