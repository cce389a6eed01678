package dev.digits.spark.training;

import dev.digits.train.tune.Trial;
import dev.digits.train.tune.TrialRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a search's trials as Spark tasks: a job of one task per trial, all submitted at once, so
 * that each executor core takes a trial as soon as it is free. Each trial is handed on as its job
 * finishes; a task lost with its executor is run again by Spark (spark.task.maxFailures), and
 * only a finished task's trial is recorded. When one trial fails for good, the others' jobs are
 * cancelled and the failure is thrown: the table keeps the trials that finished, and the same
 * command resumes with the rest.
 */
public final class SparkTrials implements TrialRunner {

    private final JavaSparkContext spark;
    private final TrialTask task;

    public SparkTrials(JavaSparkContext spark, TrialTask task) {
        this.spark = spark;
        this.task = task;
    }

    @Override
    public void run(List<Integer> numbers, Consumer<Trial> finished) {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        List<JavaFutureAction<List<String>>> jobs = new ArrayList<>();
        for (int number : numbers) {
            spark.setJobDescription("trial " + number);
            JavaFutureAction<List<String>> job = spark.parallelize(List.of(number), 1).map(task).collectAsync();
            jobs.add(job);
            // A job's future has no callback: a thread waits for each and queues what it got.
            Thread waiter = new Thread(() -> {
                try {
                    answers.add(job.get().get(0));
                } catch (ExecutionException e) {
                    answers.add(e.getCause());
                } catch (InterruptedException | RuntimeException e) {
                    answers.add(e);
                }
            }, "digits-trial-" + number);
            waiter.setDaemon(true);
            waiter.start();
        }
        try {
            for (int i = 0; i < numbers.size(); i++) {
                Object answer = answers.take();
                if (answer instanceof Throwable failure) {
                    throw new TrialFailedException(failure);
                }
                finished.accept(TrialTask.trial((String) answer));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialFailedException(e);
        } finally {
            jobs.forEach(job -> job.cancel(true));
        }
    }

    /** A trial that failed for good, or the wait for the trials that was interrupted. */
    public static final class TrialFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TrialFailedException(Throwable cause) {
            super("a trial failed: " + cause.getMessage(), cause);
        }
    }
}
