package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.ValidationSet;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.nn.DigitNetwork;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.evaluation.DigitEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Short real training runs on both engines, and what their model folders hold. */
class TrainingTest {

    private static final int TEST_IMAGES = 1000;

    @Test
    void aShortPyTorchRunLearnsAndWritesACompleteModelFolder() throws Exception {
        assertCompleteAndAccurate(new ModelFolder(TestModels.pytorch()), "PyTorch");
    }

    @Test
    void aShortMxnetRunLearnsAndWritesACompleteModelFolder() throws Exception {
        Path dir = TestModels.train("mxnet", TestModels.freshDir("mxnet-quick"));
        assertCompleteAndAccurate(new ModelFolder(dir), "MXNet");
    }

    private static void assertCompleteAndAccurate(ModelFolder folder, String engine) {
        ModelMetadata metadata = folder.readMetadata();
        assertThat(metadata.engine()).isEqualTo(engine);
        assertThat(metadata.parameterCount()).isEqualTo(2_076_554L);
        assertThat(metadata.hyperparameters().trainImages()).isEqualTo(2000);
        assertThat(metadata.hyperparameters().validationImages()).isZero();
        assertThat(metadata.hyperparameters().augmentation()).isEqualTo("none");
        assertThat(metadata.hyperparameters().learningRateSchedule()).isEqualTo("constant");
        assertThat(metadata.dataChecksums()).containsEntry("t10k-labels-idx1-ubyte",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
        Evaluation evaluation = folder.readEvaluation();
        assertThat(evaluation.images()).isEqualTo(TEST_IMAGES);
        assertThat(evaluation.accuracy()).isGreaterThan(0.90);
        assertThat(metadata.testAccuracy()).isEqualTo(evaluation.accuracy());
        assertThat(evaluation.paramsSha256()).isEqualTo(metadata.paramsSha256());
        assertThat(evaluation.matrix().total()).isEqualTo(TEST_IMAGES);
        assertThat(evaluation.mistakes()).hasSizeLessThanOrEqualTo(DigitEvaluator.MISTAKES_KEPT).isNotEmpty();
        assertThat(evaluation.mistakes().get(0).confidence())
                .isGreaterThanOrEqualTo(evaluation.mistakes().get(evaluation.mistakes().size() - 1).confidence());
        evaluation.mistakes().forEach(m -> assertThat(m.trueDigit()).isNotEqualTo(m.predictedDigit()));
        TrainingHistory history = folder.readHistory();
        assertThat(history.size()).isEqualTo(2);
        // The seed recipe validates on the test images each epoch, as the reference does.
        assertThat(history.epochs()).allSatisfy(epoch -> assertThat(epoch.validationSet()).isEqualTo(ValidationSet.TEST));
        // Validated during training, in the trainer's batches, against the evaluation through the
        // translator: the same images; an image the model doubts may tip either way (at most 2 of 1,000).
        assertThat(history.epochs().get(1).validationAccuracy()).isEqualTo(evaluation.accuracy(),
                org.assertj.core.data.Offset.offset(2.5 / TEST_IMAGES));
        assertThat(history.epochs().get(1).imagesPerSecond()).isPositive();
        assertThat(folder.checkpointsDir().resolve("epoch-0002").resolve("checkpoint.json")).isRegularFile();
    }

    @Test
    void heldOutTrainingImagesValidateEachEpochAndTheTestImagesOnlyTheEnd() throws Exception {
        ModelFolder folder = new ModelFolder(TestModels.train("PyTorch", TestModels.freshDir("held-out"),
                "--train-limit", "2500", "--validation-images", "500", "--augment", "rotation=8,shift=1.5",
                "--schedule", "cosine"));
        ModelMetadata metadata = folder.readMetadata();
        assertThat(metadata.hyperparameters().trainImages()).isEqualTo(2000);
        assertThat(metadata.hyperparameters().validationImages()).isEqualTo(500);
        assertThat(metadata.hyperparameters().augmentation()).isEqualTo("rotation=8.0,shift=1.5,scale=0.0,shear=0.0");
        assertThat(metadata.hyperparameters().learningRateSchedule()).isEqualTo("cosine");
        TrainingHistory history = folder.readHistory();
        assertThat(history.epochs()).allSatisfy(epoch -> assertThat(epoch.validationSet()).isEqualTo(ValidationSet.HELD_OUT));
        // Distorted training images: a little slower to learn from in two short epochs.
        assertThat(history.epochs().get(1).validationAccuracy()).isGreaterThan(0.8);
        // The test images are read once, at the end, for the evaluation.
        Evaluation evaluation = folder.readEvaluation();
        assertThat(evaluation.images()).isEqualTo(TEST_IMAGES);
        assertThat(metadata.testAccuracy()).isEqualTo(evaluation.accuracy());

        // evaluate --held-out reads the same 500 images again, through the recognizer, and saves
        // nothing. Read in other batches than the trainer's, an image the model doubts may tip.
        CommandOutput again = CommandOutput.of("evaluate", folder.root().toString(), "--held-out");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("500 of the first 2500 training images held out");
        Matcher printed = Pattern.compile("accuracy (\\d\\.\\d{4}) on 500 images").matcher(again.out());
        assertThat(printed.find()).as(again.out()).isTrue();
        assertThat(Double.parseDouble(printed.group(1))).isCloseTo(history.epochs().get(1).validationAccuracy(),
                org.assertj.core.data.Offset.offset(2.5 / 500));
        assertThat(folder.readEvaluation().evaluatedAt()).isEqualTo(evaluation.evaluatedAt());
    }

    @Test
    void aModelThatHeldNoImagesOutHasNoHeldOutEvaluation() throws Exception {
        CommandOutput refused = CommandOutput.of("evaluate", TestModels.pytorch().toString(), "--held-out");
        assertThat(refused.exitCode()).isEqualTo(dev.digits.cli.ErrorPolicy.EXIT_INPUT);
        assertThat(refused.err()).contains("held no training images out").contains("--validation-images")
                .doesNotContain("Exception");
        CommandOutput both = CommandOutput.of("evaluate", TestModels.pytorch().toString(), "--held-out",
                "--test-limit", "100");
        assertThat(both.err()).contains("give one or the other");
    }

    @Test
    void augmentedRunsWithTheSameSeedTrainTheSameWeights() throws Exception {
        // The batches are distorted on another thread; the seed alone decides the draws.
        String[] quick = {"--train-limit", "1000", "--epochs", "1", "--test-limit", "200", "--augment", "standard"};
        ModelMetadata first = new ModelFolder(TestModels.train("PyTorch", TestModels.freshDir("augmented-1"), quick))
                .readMetadata();
        ModelMetadata second = new ModelFolder(TestModels.train("PyTorch", TestModels.freshDir("augmented-2"), quick))
                .readMetadata();
        String[] plain = quick.clone();
        plain[plain.length - 1] = "none";
        ModelMetadata undistorted = new ModelFolder(TestModels.train("PyTorch", TestModels.freshDir("augmented-none"),
                plain)).readMetadata();
        assertThat(second.paramsSha256()).isEqualTo(first.paramsSha256());
        assertThat(undistorted.paramsSha256()).isNotEqualTo(first.paramsSha256());
    }

    @Test
    void mnistGivesOneChannelImagesInTheUnitRange() throws Exception {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            Dataset train = MnistFiles.fromCache().dataset(Dataset.Usage.TRAIN, 64, true, 256, manager);
            Batch batch = train.getData(manager).iterator().next();
            NDArray images = batch.getData().singletonOrThrow();
            assertThat(images.getShape()).isEqualTo(DigitNetwork.inputShape(64));
            assertThat(images.max().getFloat()).isEqualTo(1f);
            assertThat(images.min().getFloat()).isEqualTo(0f);
            float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
            for (float label : labels) {
                assertThat(label).isBetween(0f, 9f);
            }
            batch.close();
        }
    }

    @Test
    void savedThenLoadedModelGivesTheSameEvaluation() throws Exception {
        ModelFolder folder = new ModelFolder(TestModels.pytorch());
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        Evaluation saved = folder.readEvaluation();
        try (DigitRecognizer recognizer = DigitRecognizer.load(folder.root(), runtime);
                NDManager manager = runtime.engine().newBaseManager()) {
            // In the batches of the evaluation at save: the same sums in the same order, so the same
            // answers on any machine, even for an image the model doubts.
            int batch = folder.readMetadata().hyperparameters().batchSize();
            Dataset test = MnistFiles.fromCache().dataset(Dataset.Usage.TEST, batch, false, TEST_IMAGES, manager);
            Evaluation again = DigitEvaluator.evaluate(recognizer::classify, test, runtime, saved.paramsSha256(),
                    manager);
            assertThat(again.confusionMatrix()).isDeepEqualTo(saved.confusionMatrix());
            assertThat(again.mistakes()).extracting(m -> m.index()).containsExactlyElementsOf(
                    saved.mistakes().stream().map(m -> m.index()).toList());
        }
    }

    @Test
    void aPyTorchModelPredictsTheSameDigitsOnMxnet() throws Exception {
        ModelFolder folder = new ModelFolder(TestModels.pytorch());
        List<Integer> onPyTorch = predictions(folder, EngineName.PYTORCH);
        List<Integer> onMxnet = predictions(folder, EngineName.MXNET);
        int agree = 0;
        for (int i = 0; i < onPyTorch.size(); i++) {
            agree += onPyTorch.get(i).equals(onMxnet.get(i)) ? 1 : 0;
        }
        assertThat(onPyTorch).hasSize(TEST_IMAGES);
        assertThat((double) agree / TEST_IMAGES).isGreaterThanOrEqualTo(0.995);
    }

    private static List<Integer> predictions(ModelFolder folder, EngineName engine) throws Exception {
        EngineRuntime runtime = EngineRuntime.activate(new EngineSelection(engine, DeviceChoice.cpu()));
        List<Integer> digits = new ArrayList<>();
        try (DigitRecognizer recognizer = DigitRecognizer.load(folder.root(), runtime);
                NDManager manager = runtime.engine().newBaseManager()) {
            Dataset test = MnistFiles.fromCache().dataset(Dataset.Usage.TEST, 200, false, TEST_IMAGES, manager);
            for (Batch batch : test.getData(manager)) {
                try (batch) {
                    float[] all = batch.getData().singletonOrThrow().toFloatArray();
                    List<float[]> images = new ArrayList<>();
                    for (int i = 0; i < all.length / DigitNetwork.IMAGE_PIXELS; i++) {
                        images.add(java.util.Arrays.copyOfRange(all, i * DigitNetwork.IMAGE_PIXELS,
                                (i + 1) * DigitNetwork.IMAGE_PIXELS));
                    }
                    recognizer.predictPixels(images).forEach(p -> digits.add(p.digit()));
                }
            }
        } finally {
            System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
        }
        return digits;
    }
}
