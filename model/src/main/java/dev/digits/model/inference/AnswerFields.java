package dev.digits.model.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of digits' answers, named and ordered in one place for every output: the server's
 * JSON, {@code digits predict}'s JSON lines and CSV, and {@code digits-spark}'s rows. A digit:
 * digit, confidence, probabilities. A number: number, confidence, and each of its digits with its
 * digit, confidence and box (x, y, width, height), with its probabilities and the 784 pixels the
 * network read where the output holds them. Maps keep this order for any JSON writer.
 */
public final class AnswerFields {

    public static final String PATH = "path";
    public static final String DIGIT = "digit";
    public static final String CONFIDENCE = "confidence";
    public static final String PROBABILITIES = "probabilities";
    public static final String NUMBER = "number";
    public static final String DIGITS = "digits";
    public static final String BOX = "box";
    public static final String PIXELS = "pixels";
    public static final String ERROR = "error";

    private AnswerFields() {}

    /** A digit's answer: digit, confidence, probabilities. */
    public static Map<String, Object> digit(Prediction prediction) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(DIGIT, prediction.digit());
        fields.put(CONFIDENCE, prediction.confidence());
        fields.put(PROBABILITIES, prediction.probabilities());
        return fields;
    }

    /** A number's answer: number, confidence and its digits, as {@link #digits} gives them. */
    public static Map<String, Object> number(NumberReading reading, boolean probabilities, boolean pixels) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(NUMBER, reading.number());
        fields.put(CONFIDENCE, reading.confidence());
        fields.put(DIGITS, digits(reading, probabilities, pixels));
        return fields;
    }

    /** Each digit of a number: digit, confidence, box, and its probabilities and pixels where asked. */
    public static List<Map<String, Object>> digits(NumberReading reading, boolean probabilities, boolean pixels) {
        List<Map<String, Object>> digits = new ArrayList<>();
        for (NumberReading.DigitInNumber digit : reading.digits()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(DIGIT, digit.digit());
            fields.put(CONFIDENCE, digit.confidence());
            fields.put(BOX, digit.box());
            if (probabilities) {
                fields.put(PROBABILITIES, digit.prediction().probabilities());
            }
            if (pixels) {
                fields.put(PIXELS, digit.pixels());
            }
            digits.add(fields);
        }
        return digits;
    }

    /** The CSV columns of the ten probabilities, {@code p0} to {@code p9}. */
    public static String probabilityColumn(int digit) {
        return String.format(Locale.ROOT, "p%d", digit);
    }
}
