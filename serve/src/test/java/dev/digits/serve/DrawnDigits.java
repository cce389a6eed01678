package dev.digits.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Digits drawn on the page as strokes through points relative to the pad's centre, in CSS pixels:
 * for the page's tests and bench/BrowserTimings.java.
 */
public final class DrawnDigits {

    private DrawnDigits() {}

    /** Each digit drawn, by the digit meant, in the order drawn. */
    public static Map<String, int[][]> all() {
        Map<String, int[][]> drawings = new LinkedHashMap<>();
        drawings.put("1", new int[][] {{0, -90, 0, -45, 0, 0, 0, 45, 0, 90}});
        drawings.put("7", new int[][] {{-60, -95, -20, -97, 20, -98, 55, -95}, {55, -95, 35, -45, 15, 5, -5, 55, -20, 95}});
        drawings.put("4", new int[][] {{-15, -90, -25, -40, -35, 10, 0, 10, 45, 10}, {20, -90, 20, -30, 20, 30, 20, 90}});
        drawings.put("2", new int[][] {{-45, -55, -25, -80, 5, -88, 30, -70, 32, -40, 15, -5, -15, 35, -45, 80, -5, 82,
            45, 82}});
        int[] zero = new int[34];
        for (int i = 0; i <= 16; i++) {
            double angle = 2 * Math.PI * i / 16;
            zero[2 * i] = (int) Math.round(45 * Math.sin(angle));
            zero[2 * i + 1] = (int) Math.round(-85 * Math.cos(angle));
        }
        drawings.put("0", new int[][] {zero});
        drawings.put("3", new int[][] {{-40, -75, -10, -92, 25, -85, 35, -55, 15, -15, -10, -5, 20, 5, 40, 40, 30, 75,
            0, 90, -40, 78}});
        return drawings;
    }
}
