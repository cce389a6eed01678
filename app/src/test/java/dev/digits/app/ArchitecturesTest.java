package dev.digits.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.DeferredTranslatorFactory;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.nn.Architecture;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.evaluation.DigitEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every architecture trains briefly to a real accuracy, and its folder loads with nothing but
 * DJL's Criteria on both engines, reading PNG digits as the project's own path does.
 */
class ArchitecturesTest {

    private static final int TEST_IMAGES = 1000;
    private static final int PNG_DIGITS = 20;

    /** Short runs that each architecture learns from, and the accuracy each must reach. */
    private static final Map<Architecture, Double> THRESHOLDS = Map.of(
            Architecture.SEED_CNN, 0.90, Architecture.SEED_CNN_BN, 0.90, Architecture.STRIDED_CNN, 0.85,
            Architecture.RESNET, 0.85, Architecture.MLP, 0.80, Architecture.LENET, 0.75);
    /**
     * LeNet's sigmoids learn slowly: more, smaller steps at a higher rate, on more images (0.86
     * after two epochs of 12,000; 0.72 of 4,000, too close to a model that learns half as well).
     */
    private static final String[] LENET_RUN = {"--train-limit", "12000", "--batch-size", "16", "--learning-rate", "0.003"};

    @TempDir
    Path pngs;

    @AfterEach
    void pytorchIsTheDefaultAgain() {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
    }

    private static Path trained(Architecture architecture) throws Exception {
        if (architecture == Architecture.SEED_CNN) {
            return TestModels.pytorch();
        }
        List<String> extra = new ArrayList<>(List.of("--architecture", architecture.id()));
        if (architecture == Architecture.LENET) {
            extra.addAll(List.of(LENET_RUN));
        }
        return TestModels.train("PyTorch", TestModels.freshDir(architecture.id()), extra.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = "ENSEMBLE", mode = EnumSource.Mode.EXCLUDE)
    void eachArchitectureLearnsAndItsFolderReadsPngDigitsThroughPlainDjlOnBothEngines(Architecture architecture)
            throws Exception {
        Path dir = trained(architecture);
        ModelFolder folder = new ModelFolder(dir);
        ModelMetadata metadata = folder.readMetadata();
        Evaluation evaluation = folder.readEvaluation();
        assertThat(metadata.architecture()).isEqualTo(architecture.id());
        assertThat(evaluation.images()).isEqualTo(TEST_IMAGES);
        assertThat(evaluation.accuracy()).as(architecture.id()).isGreaterThan(THRESHOLDS.get(architecture));

        // Loaded by DJL alone, the model reads the test images exactly as it did when it was saved.
        EngineRuntime pytorch = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (ZooModel<float[], Classifications> model = criteria(float[].class, dir, "PyTorch").loadModel();
                Predictor<float[], Classifications> predictor = model.newPredictor();
                NDManager manager = pytorch.engine().newBaseManager()) {
            // In the batches of the evaluation at save, so that an image the model doubts tips the
            // same way on any machine.
            Dataset test = MnistFiles.fromCache().dataset(Dataset.Usage.TEST, metadata.hyperparameters().batchSize(),
                    false, TEST_IMAGES, manager);
            Evaluation again = DigitEvaluator.evaluate(predictor::batchPredict, test, pytorch,
                    metadata.paramsSha256(), manager);
            assertThat(again.confusionMatrix()).isDeepEqualTo(evaluation.confusionMatrix());
        }

        List<Path> files = writePngDigits();
        List<String> onPyTorch = readFiles(dir, "PyTorch", files);
        List<String> onMxnet = readFiles(dir, "MXNet", files);
        int agree = 0;
        for (int i = 0; i < files.size(); i++) {
            agree += onPyTorch.get(i).equals(onMxnet.get(i)) ? 1 : 0;
        }
        assertThat(agree).as("PNG digits read alike on PyTorch and MXNet").isGreaterThanOrEqualTo(PNG_DIGITS - 1);
        // The PNG files hold the first test images, so PyTorch reads them as the evaluation did.
        assertThat(onPyTorch).containsExactlyElementsOf(predictedDigits(dir, files.size()));
    }

    @Test
    void aFolderTrainedOnMxnetLoadsOnPyTorchWithItsAccuracy() throws Exception {
        Path dir = TestModels.train("MXNet", TestModels.freshDir("mlp-mxnet"), "--architecture", "mlp");
        ModelFolder folder = new ModelFolder(dir);
        assertThat(folder.readMetadata().engine()).isEqualTo("MXNet");
        Evaluation onMxnet = folder.readEvaluation();
        EngineRuntime pytorch = EngineRuntime.activate(new EngineSelection(EngineName.PYTORCH, DeviceChoice.cpu()));
        try (ZooModel<float[], Classifications> model = criteria(float[].class, dir, "PyTorch").loadModel();
                Predictor<float[], Classifications> predictor = model.newPredictor();
                NDManager manager = pytorch.engine().newBaseManager()) {
            Dataset test = MnistFiles.fromCache().dataset(Dataset.Usage.TEST, 100, false, TEST_IMAGES, manager);
            Evaluation onPyTorch = DigitEvaluator.evaluate(predictor::batchPredict, test, pytorch,
                    onMxnet.paramsSha256(), manager);
            assertThat(onPyTorch.accuracy()).isCloseTo(onMxnet.accuracy(), org.assertj.core.data.Offset.offset(0.005));
        }
    }

    private static <I> Criteria<I, Classifications> criteria(Class<I> input, Path dir, String engine) {
        return Criteria.builder()
                .setTypes(input, Classifications.class)
                .optModelPath(dir)
                .optEngine(engine)
                .optTranslatorFactory(new DeferredTranslatorFactory())
                .build();
    }

    private static List<String> readFiles(Path dir, String engine, List<Path> files) throws Exception {
        try (ZooModel<Path, Classifications> model = criteria(Path.class, dir, engine).loadModel();
                Predictor<Path, Classifications> predictor = model.newPredictor()) {
            return predictor.batchPredict(files).stream().map(answer -> answer.best().getClassName()).toList();
        }
    }

    /** The folder's evaluation path's digits for the first test images. */
    private static List<String> predictedDigits(Path dir, int count) throws Exception {
        try (ZooModel<float[], Classifications> model = criteria(float[].class, dir, "PyTorch").loadModel();
                Predictor<float[], Classifications> predictor = model.newPredictor()) {
            return predictor.batchPredict(firstTestImages(count)).stream()
                    .map(answer -> answer.best().getClassName()).toList();
        }
    }

    private static List<float[]> firstTestImages(int count) throws Exception {
        return TestModels.testDigits(count);
    }

    /** The first test images as 8-bit grey PNG files, as a user would have them. */
    private List<Path> writePngDigits() throws Exception {
        List<Path> files = new ArrayList<>();
        List<float[]> images = firstTestImages(PNG_DIGITS);
        for (int i = 0; i < images.size(); i++) {
            files.add(TestModels.writeImage(images.get(i), pngs.resolve("digit-" + i + ".png"), "png"));
        }
        assertThat(Files.size(files.get(0))).isPositive();
        return files;
    }
}
