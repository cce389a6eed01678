package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.DeferredTranslatorFactory;
import dev.digits.charts.ModelCharts;
import dev.digits.cli.ErrorPolicy;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import dev.digits.app.DigitsCommand;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.data.ValidationSplit;
import dev.digits.train.ensemble.EnsembleSelection;
import dev.digits.train.evaluation.DigitEvaluator;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two trained folders combined into one that answers the mean of their probabilities. */
class EnsembleTest {

    private static final String[] HELD_OUT = {"--train-limit", "2500", "--validation-images", "500"};

    private static Path first;
    private static Path second;
    private static Path ensemble;

    @BeforeAll
    static void combineTwoQuickModels() throws Exception {
        // Both members hold out the same 500 of their 2,500 images, as runs of one recipe do.
        first = TestModels.train("PyTorch", TestModels.freshDir("ensemble-member-1"), HELD_OUT);
        second = TestModels.train("PyTorch", TestModels.freshDir("ensemble-member-2"),
                TestModels.with(HELD_OUT, "--seed", "7"));
        ensemble = TestModels.freshDir("ensemble");
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
        assertThat(DigitsCommand.run("ensemble", "-o", ensemble.toString(), first.toString(), second.toString(),
                "--test-limit", "1000")).isZero();
    }

    /** Activating an engine makes it the JVM's default: the next test starts from PyTorch again. */
    @org.junit.jupiter.api.AfterEach
    void pytorchIsTheDefaultAgain() {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
    }

    @Test
    void itsProbabilitiesAreTheMeanOfItsMembersOnEveryEngine() throws Exception {
        List<float[]> digits = TestModels.testDigits(50);
        // ONNX Runtime reads the folders' exports, the ensemble's a graph of its own.
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
        for (Path folder : List.of(first, second, ensemble)) {
            assertThat(DigitsCommand.run("export", folder.toString())).isZero();
        }
        for (EngineName engine : EngineName.values()) {
            EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(engine, DeviceChoice.cpu()));
            List<Prediction> a;
            List<Prediction> b;
            List<Prediction> both;
            try (DigitRecognizer one = DigitRecognizer.load(first, runtime);
                    DigitRecognizer two = DigitRecognizer.load(second, runtime);
                    DigitRecognizer combined = DigitRecognizer.load(ensemble, runtime)) {
                a = one.predictPixels(digits);
                b = two.predictPixels(digits);
                both = combined.predictPixels(digits);
            }
            for (int i = 0; i < digits.size(); i++) {
                for (int d = 0; d < 10; d++) {
                    float mean = (a.get(i).probabilities()[d] + b.get(i).probabilities()[d]) / 2;
                    assertThat(both.get(i).probabilities()[d]).as("%s, image %d, digit %d", engine, i, d)
                            .isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            // Members that always agree would not show that the mean is taken.
            assertThat(a).isNotEqualTo(b);
        }
    }

    @Test
    void itsFolderLoadsThroughPlainDjlAndIsEvaluatedAndChartedLikeATrainedOne() throws Exception {
        ModelFolder folder = new ModelFolder(ensemble);
        ModelMetadata metadata = folder.readMetadata();
        assertThat(metadata.architecture()).isEqualTo("ensemble");
        assertThat(metadata.architectureArguments()).containsEntry("members", "2")
                .containsEntry("memberArchitecture", "seed-cnn");
        assertThat(metadata.parameterCount()).isEqualTo(2 * 2_076_554L);
        assertThat(metadata.hyperparameters()).isNull();
        assertThat(metadata.members()).extracting(m -> m.paramsSha256()).containsExactly(
                new ModelFolder(first).readMetadata().paramsSha256(), new ModelFolder(second).readMetadata().paramsSha256());
        Evaluation evaluation = folder.readEvaluation();
        Evaluation one = new ModelFolder(first).readEvaluation();
        Evaluation two = new ModelFolder(second).readEvaluation();
        assertThat(evaluation.images()).isEqualTo(1000).isEqualTo(one.images()).isEqualTo(two.images());
        assertThat(evaluation.accuracy()).isEqualTo(metadata.testAccuracy());
        // On the members' test images: the mean of two probabilities loses less than the mean of
        // their losses (-log is convex), and reads about as well as the weaker member at least.
        assertThat(evaluation.loss()).isLessThan((one.loss() + two.loss()) / 2);
        assertThat(evaluation.accuracy()).isGreaterThanOrEqualTo(Math.min(one.accuracy(), two.accuracy()) - 0.005);
        assertThat(folder.chartsDir().resolve(ModelCharts.CONFUSION_MATRIX)).isRegularFile();
        assertThat(folder.chartsDir().resolve(ModelCharts.LEARNING_CURVES)).doesNotExist();

        EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        Criteria<float[], Classifications> criteria = Criteria.builder().setTypes(float[].class, Classifications.class)
                .optModelPath(ensemble).optEngine("PyTorch").optTranslatorFactory(new DeferredTranslatorFactory()).build();
        try (ZooModel<float[], Classifications> model = criteria.loadModel();
                Predictor<float[], Classifications> predictor = model.newPredictor();
                DigitRecognizer recognizer = DigitRecognizer.load(ensemble)) {
            float[] digit = TestModels.testDigits(1).get(0);
            Classifications answer = predictor.predict(digit);
            assertThat(answer.best().getClassName()).isEqualTo(Integer.toString(recognizer.predict(digit).digit()));
            assertThat(answer.best().getProbability()).isCloseTo(recognizer.predict(digit).confidence(),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
        CommandOutput evaluate = CommandOutput.of("evaluate", ensemble.toString(), "--test-limit", "1000", "--dry-run");
        assertThat(evaluate.exitCode()).isZero();
        assertThat(evaluate.out()).contains(String.format(java.util.Locale.ROOT, "accuracy %.4f on 1000 images", evaluation.accuracy()));
    }

    @Test
    void itIsJudgedOnTheImagesAllItsMembersHeldOut() throws Exception {
        CommandOutput heldOut = CommandOutput.of("evaluate", ensemble.toString(), "--held-out");
        assertThat(heldOut.exitCode()).as(heldOut.err()).isZero();
        assertThat(heldOut.out()).contains("500 of the first 2500 training images held out")
                .containsPattern("accuracy 0\\.9\\d{3} on 500 images");

        // A member that validated on the test images may have trained on any image another held out.
        Path mixed = TestModels.freshDir("ensemble-mixed-splits");
        assertThat(DigitsCommand.run("ensemble", "-o", mixed.toString(), first.toString(),
                TestModels.pytorch().toString(), "--test-limit", "100", "--no-charts")).isZero();
        CommandOutput refused = CommandOutput.of("evaluate", mixed.toString(), "--held-out");
        assertThat(refused.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(refused.err()).contains("its member " + TestModels.pytorch()).contains("held no training images out");
    }

    @Test
    void itsMembersCanBeChosenOnHeldOutImagesLeavingOutOneThatWouldNotHelp() throws Exception {
        // Same split, hardly trained (held-out loss near ln 10, against about 0.2 for the others):
        // averaging it in raises the ensemble's loss on any machine.
        Path weak = TestModels.train("PyTorch", TestModels.freshDir("ensemble-weak"),
                TestModels.with(HELD_OUT, "--epochs", "1", "--learning-rate", "0.00001", "--seed", "3"));
        List<Path> candidates = List.of(weak, first, second);
        Path chosen = TestModels.freshDir("ensemble-chosen");
        CommandOutput output = CommandOutput.of("ensemble", "-o", chosen.toString(), "--choose", "3", weak.toString(),
                first.toString(), second.toString(), "--test-limit", "200", "--no-charts");
        assertThat(output.exitCode()).as(output.err()).isZero();
        assertThat(output.out()).contains("Chosen on held-out training images");
        // What was chosen is read from the folder, not from the printed table.
        assertThat(new ModelFolder(chosen).readMetadata().members()).extracting(m -> Path.of(m.folder()))
                .containsExactlyInAnyOrder(first, second);

        // The steps, as the command computed them, against each candidate's own held-out loss.
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        MnistFiles data = MnistFiles.fromCache();
        List<EnsembleSelection.Step> steps = new EnsembleSelection(runtime).choose(candidates, 3, data);
        Map<Path, Double> alone = new HashMap<>();
        for (Path candidate : candidates) {
            alone.put(candidate, heldOutLoss(candidate, runtime, data));
        }
        assertThat(steps).hasSize(2);
        assertThat(steps.get(1).members()).containsExactlyInAnyOrder(first, second);
        // The first step is the candidate with the lowest loss alone, at that loss.
        Path best = alone.get(first) <= alone.get(second) ? first : second;
        Path other = best == first ? second : first;
        assertThat(steps.get(0).added()).isEqualTo(best);
        assertThat(steps.get(0).loss()).isCloseTo(alone.get(best), org.assertj.core.data.Offset.offset(1e-6));
        // The pair's loss is that of their mean probabilities, below the mean of their losses
        // (-log is convex; equal only if they always agreed).
        assertThat(steps.get(1).loss()).isLessThan((alone.get(first) + alone.get(second)) / 2);
        assertThat(alone.get(weak)).as("the weak candidate's loss alone")
                .isGreaterThan(2 * alone.get(other));

        CommandOutput one = CommandOutput.of("ensemble", "-o", chosen.toString(), "--choose", "1", first.toString(),
                second.toString());
        assertThat(one.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(one.err()).contains("at least 2 members");
        CommandOutput mixed = CommandOutput.of("ensemble", "-o", chosen.toString(), "--choose", "2", first.toString(),
                TestModels.pytorch().toString());
        assertThat(mixed.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(mixed.err()).contains(TestModels.pytorch().toString()).contains("held no training images out");
    }

    /** A folder's mean cross-entropy on the training images it held out, read through its recognizer. */
    private static double heldOutLoss(Path folder, EngineRuntime runtime, MnistFiles data) throws Exception {
        ValidationSplit split = ValidationSplit.heldOutBy(new ModelFolder(folder).readMetadata());
        try (NDManager manager = runtime.engine().newBaseManager();
                DigitRecognizer recognizer = DigitRecognizer.load(folder, runtime)) {
            return DigitEvaluator.evaluate(recognizer::classify, data.heldOut(split, manager), runtime, "", manager)
                    .loss();
        }
    }

    @Test
    void membersThatCannotFormAnEnsembleAreRefusedByName() throws Exception {
        Path other = TestModels.train("PyTorch", TestModels.freshDir("ensemble-mlp"), "--architecture", "mlp",
                "--epochs", "1");
        Path out = TestModels.freshDir("ensemble-refused");
        CommandOutput mixed = CommandOutput.of("ensemble", "-o", out.toString(), first.toString(), other.toString());
        assertThat(mixed.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(mixed.err()).contains("architectures differ").contains("seed-cnn").contains("mlp");
        CommandOutput twice = CommandOutput.of("ensemble", "-o", out.toString(), first.toString(), first.toString());
        assertThat(twice.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(twice.err()).contains("the same model as another member");
        CommandOutput nested = CommandOutput.of("ensemble", "-o", out.toString(), first.toString(), ensemble.toString());
        assertThat(nested.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(nested.err()).contains("holds an ensemble");
        CommandOutput intoMember = CommandOutput.of("ensemble", "-o", first.toString(), first.toString(),
                second.toString());
        assertThat(intoMember.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(intoMember.err()).contains("is also a member");
        CommandOutput alone = CommandOutput.of("ensemble", "-o", out.toString(), first.toString());
        assertThat(alone.exitCode()).isEqualTo(ErrorPolicy.EXIT_USAGE);
        assertThat(alone.err()).contains("requires at least 2");
        CommandOutput missing = CommandOutput.of("ensemble", "-o", out.toString(), first.toString(),
                out.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(ErrorPolicy.EXIT_INPUT);
        assertThat(missing.err()).contains("does not exist");
        assertThat(out.resolve("serving.properties")).doesNotExist();
        assertThat(new ModelFolder(first).readMetadata().architecture()).isEqualTo("seed-cnn");
    }
}
