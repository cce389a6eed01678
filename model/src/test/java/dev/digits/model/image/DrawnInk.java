package dev.digits.model.image;

/** Images of ink drawn as filled boxes, for the segmentation's tests: no model, no decoding. */
public final class DrawnInk {

    private DrawnInk() {}

    /** The segmentation of a width x height image whose ink fills the boxes: left, top, right, bottom, inclusive. */
    public static DigitSegmentation segmentation(int width, int height, int[]... boxes) {
        float[] ink = new float[width * height];
        for (int[] box : boxes) {
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    ink[y * width + x] = 1;
                }
            }
        }
        return new DigitSegmentation(ink, width, height);
    }
}
