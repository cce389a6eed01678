package dev.digits.model.evaluation;

/**
 * Precision, recall and F1 of one digit; zero where a ratio has nothing to divide by.
 *
 * @param digit the digit, 0 to 9
 * @param precision of the images predicted as this digit, the share that are it
 * @param recall of the images of this digit, the share predicted as it
 * @param f1 the harmonic mean of precision and recall
 * @param support how many images of this digit there were
 */
public record ClassScore(int digit, double precision, double recall, double f1, long support) {}
