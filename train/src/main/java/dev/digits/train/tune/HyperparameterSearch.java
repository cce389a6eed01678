package dev.digits.train.tune;

import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.digits.charts.SearchChart;
import dev.digits.model.folder.AtomicFiles;
import dev.digits.model.folder.JsonFiles;
import dev.digits.model.history.EpochRecord;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.training.DigitTrainer;
import dev.digits.train.training.LearningRateSchedule;
import dev.digits.train.training.Recipe;
import dev.digits.train.training.TrainingOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small random search: each trial draws a learning rate (log-uniform), a batch size and an
 * augmentation strength, trains briefly and is judged on training images held out, never on the
 * test images. After each trial the table ({@value #TABLE}) is rewritten whole and atomically, in
 * the order of the trials' numbers, so a search stopped at any moment resumes, in the same folder,
 * with the trials not yet finished; each trial's draws depend only on the seed and its number, so a
 * trial run anywhere ({@link TrialRunner}: one after the other here, or as tasks of a cluster)
 * gives the same figures for the same native threads.
 */
public final class HyperparameterSearch {

    public static final String TABLE = "trials.csv";
    public static final String CHART = "trials.png";

    /** Log-uniform between these. */
    static final double MIN_LEARNING_RATE = 2e-4;
    static final double MAX_LEARNING_RATE = 5e-3;
    static final int[] BATCH_SIZES = {64, 128, 256};
    /** Multiples of the standard augmentation's bounds. */
    static final double[] AUGMENTATION_STRENGTHS = {0, 0.5, 1, 1.5};

    private static final Logger logger = LoggerFactory.getLogger(HyperparameterSearch.class);
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Trial.class).withHeader();

    private final Path dir;
    private final SearchSettings settings;

    public HyperparameterSearch(Path dir, SearchSettings settings) {
        this.dir = dir;
        this.settings = settings;
    }

    /** Trial {@code number}'s options, drawn from the seed and the number alone. */
    TrainingOptions draw(int number) {
        Random random = new Random(settings.seed() * 1_000_003L + number);
        double learningRate = MIN_LEARNING_RATE * Math.pow(MAX_LEARNING_RATE / MIN_LEARNING_RATE, random.nextDouble());
        // Three significant digits: what the table shows is what train is given.
        learningRate = Double.parseDouble(String.format(Locale.ROOT, "%.3g", learningRate));
        int batchSize = BATCH_SIZES[random.nextInt(BATCH_SIZES.length)];
        double strength = AUGMENTATION_STRENGTHS[random.nextInt(AUGMENTATION_STRENGTHS.length)];
        Recipe recipe = settings.recipe();
        return TrainingOptions.builder(recipe, dir).architecture(recipe.architecture()).epochs(settings.epochs())
                .batchSize(batchSize).learningRate(learningRate).seed(settings.seed()).trainLimit(settings.trainLimit())
                .validationImages(settings.validationImages()).augmentation(Augmentation.STANDARD.scaled(strength))
                // A warm-up as long as a short trial would leave no epoch for the cosine.
                .schedule(recipe.schedule().warmUpEpochs() < settings.epochs() ? recipe.schedule()
                        : new LearningRateSchedule(recipe.schedule().cosine(), 0))
                .charts(false).build();
    }

    /** The search's folder. */
    public Path dir() {
        return dir;
    }

    public SearchSettings settings() {
        return settings;
    }

    /**
     * Runs trials one after the other until {@code trials} have finished, counting those finished
     * before in this folder.
     *
     * @return every finished trial, in order
     * @throws IllegalArgumentException if the folder holds a search with other settings
     */
    public List<Trial> run(int trials, DigitTrainer trainer, MnistFiles data) throws IOException, TranslateException {
        return run(trials, (numbers, finished) -> {
            for (int number : numbers) {
                finished.accept(trial(number, trainer, data));
            }
        });
    }

    /**
     * Has {@code runner} run the trials not yet finished of the first {@code trials}, recording each
     * as it finishes, in whatever order.
     *
     * @return every finished trial, in order
     * @throws IllegalArgumentException if the folder holds a search with other settings
     */
    public List<Trial> run(int trials, TrialRunner runner) throws IOException, TranslateException {
        java.util.SortedMap<Integer, Trial> done = new java.util.TreeMap<>();
        resume().forEach(trial -> done.put(trial.trial(), trial));
        if (!done.isEmpty()) {
            logger.info("Resuming the search in {}: {} of {} trials finished before", dir, done.size(), trials);
        }
        List<Integer> remaining = new ArrayList<>();
        for (int number = 1; number <= trials; number++) {
            if (!done.containsKey(number)) {
                remaining.add(number);
            }
        }
        runner.run(remaining, trial -> {
            synchronized (done) {
                if (done.putIfAbsent(trial.trial(), trial) != null) {
                    throw new IllegalStateException("trial " + trial.trial() + " finished twice");
                }
                try {
                    write(new ArrayList<>(done.values()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            logger.info("Trial {}: validation accuracy {}", trial.trial(),
                    String.format(Locale.ROOT, "%.4f", trial.validationAccuracy()));
        });
        return new ArrayList<>(done.values());
    }

    /** Trains trial {@code number} as drawn and judges it on the held-out images; writes nothing. */
    public Trial trial(int number, DigitTrainer trainer, MnistFiles data) throws IOException, TranslateException {
        TrainingOptions options = draw(number);
        logger.info("Trial {}: learning rate {}, batch {}, augment {}", number, options.learningRate(),
                options.batchSize(), options.augmentation());
        long started = System.nanoTime();
        EpochRecord last = trainer.trial(options, data).last().orElseThrow();
        return new Trial(number, options.learningRate(), options.batchSize(), options.augmentation().toString(),
                last.validationAccuracy(), last.validationLoss(), (System.nanoTime() - started) / 1e9);
    }

    /** The trial with the highest held-out accuracy. */
    public static Optional<Trial> best(List<Trial> trials) {
        return trials.stream().max(Comparator.comparingDouble(Trial::validationAccuracy));
    }

    private List<Trial> resume() throws IOException {
        Path saved = dir.resolve(SearchSettings.FILE);
        if (!Files.exists(saved)) {
            Files.createDirectories(dir);
            JsonFiles.write(saved, settings);
            return new ArrayList<>();
        }
        SearchSettings before = JsonFiles.read(saved, SearchSettings.class);
        if (!before.equals(settings)) {
            throw new IllegalArgumentException(dir + " holds a search with other settings (" + before + "); give the"
                    + " same ones to resume it, or another folder (-o) for a new search");
        }
        Path table = dir.resolve(TABLE);
        if (!Files.exists(table)) {
            return new ArrayList<>();
        }
        List<Trial> trials;
        try (MappingIterator<Trial> rows = CSV.readerFor(Trial.class).with(SCHEMA).readValues(table.toFile())) {
            trials = new ArrayList<>(rows.readAll());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(table + " is not a table of trials: " + e.getMessage(), e);
        }
        for (int i = 0; i < trials.size(); i++) {
            int previous = i == 0 ? 0 : trials.get(i - 1).trial();
            if (trials.get(i).trial() <= previous) {
                throw new IllegalArgumentException(table + ": row " + (i + 1) + " is trial " + trials.get(i).trial()
                        + " after trial " + previous + "; the table was edited");
            }
        }
        return trials;
    }

    private void write(List<Trial> trials) throws IOException {
        byte[] table = CSV.writer(SCHEMA).writeValueAsString(trials).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(TABLE), out -> out.write(table));
        Map<String, List<double[]>> byBatch = new LinkedHashMap<>();
        for (Trial trial : trials) {
            byBatch.computeIfAbsent("batch " + trial.batchSize(), key -> new ArrayList<>())
                    .add(new double[] {trial.learningRate(), trial.validationAccuracy()});
        }
        SearchChart.write(byBatch, "Trials: held-out accuracy after " + settings.epochs() + " epochs ("
                + settings.recipe() + " recipe)", dir.resolve(CHART));
    }
}
