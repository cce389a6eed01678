package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.ModelFolder;
import dev.digits.train.tune.HyperparameterSearch;
import dev.digits.train.tune.SearchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A small search: its table, its chart, resuming after the last finished trial, and its best options for train. */
class TuneTest {

    private static String[] tune(Path dir, int trials, String... extra) {
        List<String> args = new ArrayList<>(List.of("tune", "-o", dir.toString(), "--trials", Integer.toString(trials),
                "--recipe", "seed", "--epochs", "2", "--train-limit", "2500", "--validation-images", "500"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void trialsAreTabledChartedResumedAndTheBestCanBeTrained() throws Exception {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
        Path dir = TestModels.freshDir("tune");
        CommandOutput first = CommandOutput.of(tune(dir, 2));
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<String> two = Files.readAllLines(dir.resolve(HyperparameterSearch.TABLE));
        assertThat(two).hasSize(3);
        assertThat(two.get(0)).isEqualTo(
                "trial,learningRate,batchSize,augment,validationAccuracy,validationLoss,seconds");
        assertThat(dir.resolve(HyperparameterSearch.CHART)).isRegularFile();
        assertThat(dir.resolve(SearchSettings.FILE)).isRegularFile();
        // Trials are judged on held-out images: no model folder, no test evaluation.
        assertThat(dir.resolve("serving.properties")).doesNotExist();

        // Asked for one more, the search keeps the two finished trials and runs the third only.
        CommandOutput more = CommandOutput.of(tune(dir, 3));
        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(more.err()).contains("2 of 3 trials finished before");
        List<String> three = Files.readAllLines(dir.resolve(HyperparameterSearch.TABLE));
        assertThat(three).hasSize(4).startsWith(two.toArray(String[]::new));
        // The accuracy is the third field from the end (the augmentation spec before it holds commas).
        double best = three.stream().skip(1).map(row -> row.split(","))
                .mapToDouble(fields -> Double.parseDouble(fields[fields.length - 3])).max().orElseThrow();
        // Trials of 2,000 images seen twice, some of them distorted: 0.86-0.92 here (chance is 0.1).
        assertThat(best).as("the best trial's held-out accuracy").isGreaterThan(0.8);

        // The printed options of the best trial, given to train with the search's settings, train
        // that trial again: the same held-out accuracy, not only options that parse.
        Matcher options = Pattern.compile("digits train (.+)").matcher(more.out());
        assertThat(options.find()).as(more.out()).isTrue();
        Path tuned = TestModels.freshDir("tuned");
        List<String> train = new ArrayList<>(List.of("train", "-o", tuned.toString(), "--epochs", "2",
                "--train-limit", "2500", "--validation-images", "500", "--test-limit", "100", "--no-charts"));
        train.addAll(List.of(options.group(1).trim().split(" ")));
        CommandOutput trained = CommandOutput.of(train.toArray(String[]::new));
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(new ModelFolder(tuned).readHistory().last().orElseThrow().validationAccuracy())
                .as("the best trial trained again").isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));

        CommandOutput other = CommandOutput.of(tune(dir, 3, "--seed", "9"));
        assertThat(other.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(other.err()).contains("holds a search with other settings");
        CommandOutput none = CommandOutput.of("tune", "-o", dir.toString(), "--train-limit", "1500",
                "--validation-images", "1500");
        assertThat(none.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(none.err()).contains("--validation-images must be at least 1 and fewer than the 1500");
    }
}
