package dev.digits.spark;

/** A job that Spark gave up on: its tasks failed on every try. Its message is the first line of the root cause. */
final class JobFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private JobFailedException(String message) {
        super(message);
    }

    /** The failure of a job, said in one line; Spark's log has the rest. */
    static JobFailedException of(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "no reason given" : root.getMessage();
        int end = message.indexOf('\n');
        return new JobFailedException("the Spark job failed: " + (end < 0 ? message : message.substring(0, end))
                + " (details in Spark's log)");
    }
}
