package dev.digits.model.nn;

import java.util.Arrays;
import java.util.Map;

/** Reads block factory arguments, which a model folder keeps as strings, with errors that name them. */
final class BlockArguments {

    /** The widest layer a digits network may have: 16 times the widest it trains. */
    static final int MAX_WIDTH = 4096;
    /** The most layers a list of widths may name. */
    static final int MAX_LAYERS = 16;

    private BlockArguments() {}

    private static String required(Map<String, ?> arguments, String key) {
        Object value = arguments == null ? null : arguments.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the argument " + key + " is missing");
        }
        return value.toString().trim();
    }

    static int positiveInt(Map<String, ?> arguments, String key) {
        String value = required(arguments, key);
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new IllegalArgumentException("the argument " + key + " is " + number + "; it must be at least 1");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the argument " + key + " is '" + value + "', not a whole number", e);
        }
    }

    /**
     * A comma-separated list of positive whole numbers, such as {@code 128,64}: layer widths, at
     * most {@value #MAX_WIDTH} each and {@value #MAX_LAYERS} in all. A model folder may come from
     * anywhere: its arguments describe what loading it would build.
     */
    static int[] positiveInts(Map<String, ?> arguments, String key) {
        String value = required(arguments, key);
        try {
            int[] numbers = Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt)
                    .toArray();
            if (numbers.length == 0 || numbers.length > MAX_LAYERS
                    || Arrays.stream(numbers).anyMatch(n -> n < 1 || n > MAX_WIDTH)) {
                throw new IllegalArgumentException("the argument " + key + " is '" + value + "'; it must list 1 to "
                        + MAX_LAYERS + " whole numbers from 1 to " + MAX_WIDTH);
            }
            return numbers;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the argument " + key + " is '" + value
                    + "', not a comma-separated list of whole numbers", e);
        }
    }

    /** A rate from 0 up to but not including 1, such as a dropout rate. */
    static float rate(Map<String, ?> arguments, String key) {
        String value = required(arguments, key);
        try {
            float rate = Float.parseFloat(value);
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("the argument " + key + " is " + value
                        + "; it must be at least 0 and below 1");
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the argument " + key + " is '" + value + "', not a number", e);
        }
    }
}
