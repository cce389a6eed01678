package dev.digits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.DeferredTranslatorFactory;
import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ServingProperties;
import dev.digits.model.folder.TestModelFolders;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import dev.digits.model.nn.Architecture;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Model folders load with nothing but DJL's API, on either engine whichever engine saved them,
 * and answer as the project's recognizer does; damaged folders stop with errors naming the file.
 */
class DjlCriteriaTest {

    @TempDir
    Path dir;

    @AfterEach
    void pytorchIsTheDefaultAgain() {
        System.setProperty(EngineSelection.ENGINE_PROPERTY, "PyTorch");
    }

    private static EngineRuntime on(EngineName engine) {
        return EngineRuntime.activate(new EngineSelection(engine, DeviceChoice.cpu()));
    }

    /** Saves an untrained network of the architecture on the engine; returns its logits for the images. */
    private float[] saveUntrained(Architecture architecture, EngineRuntime runtime, float[] images) throws Exception {
        try (Model model = TestModelFolders.untrainedModel(runtime, architecture);
                NDManager manager = runtime.engine().newBaseManager()) {
            TestModelFolders.save(new ModelFolder(dir), model, runtime);
            NDArray batch = manager.create(images, new Shape(images.length / 784, 1, 28, 28));
            return model.getBlock().forward(new ai.djl.training.ParameterStore(manager, false), new NDList(batch),
                    false).singletonOrThrow().toFloatArray();
        }
    }

    private float[] criteriaLogits(String engine, float[] images) throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(dir)
                .optEngine(engine)
                .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray batch = model.getNDManager().create(images, new Shape(images.length / 784, 1, 28, 28));
            return predictor.predict(new NDList(batch)).singletonOrThrow().toFloatArray();
        }
    }

    private static float[] randomImages(int count) {
        java.util.Random random = new java.util.Random(7);
        float[] images = new float[count * 784];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        return images;
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyArchitectureLoadsOnItsOwnEngineWithIdenticalOutputsAndOnTheOtherAlike(Architecture architecture)
            throws Exception {
        float[] images = randomImages(3);
        float[] saved = saveUntrained(architecture, on(EngineName.PYTORCH), images);
        assertThat(criteriaLogits("PyTorch", images)).containsExactly(saved);
        float[] onMxnet = criteriaLogits("MXNet", images);
        for (int i = 0; i < saved.length; i++) {
            assertThat(onMxnet[i]).as("logit %d on MXNet", i).isCloseTo(saved[i], within(1e-3f));
        }
    }

    @Test
    void aFolderSavedOnMxnetLoadsOnPyTorch() throws Exception {
        float[] images = randomImages(2);
        float[] saved = saveUntrained(Architecture.SEED_CNN, on(EngineName.MXNET), images);
        assertThat(criteriaLogits("MXNet", images)).containsExactly(saved);
        float[] onPyTorch = criteriaLogits("PyTorch", images);
        for (int i = 0; i < saved.length; i++) {
            assertThat(onPyTorch[i]).isCloseTo(saved[i], within(1e-3f));
        }
    }

    private static BufferedImage drawnSeven() {
        BufferedImage image = new BufferedImage(90, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 90, 120);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(9));
        g.drawLine(15, 20, 75, 20);
        g.drawLine(75, 20, 35, 105);
        g.dispose();
        return image;
    }

    @Test
    void imagesFilesAndPixelsReadThroughTheFoldersTranslatorAsTheRecognizerReadsThem() throws Exception {
        EngineRuntime runtime = on(EngineName.PYTORCH);
        saveUntrained(Architecture.SEED_CNN, runtime, randomImages(1));
        Path png = dir.resolve("seven.png");
        ImageIO.write(drawnSeven(), "png", png.toFile());
        Prediction expected;
        try (DigitRecognizer recognizer = DigitRecognizer.load(dir, runtime)) {
            expected = recognizer.predict(Files.readAllBytes(png));
        }

        // DJL's Criteria picks a translator before it reads serving.properties: DJL's own
        // DeferredTranslatorFactory takes the one serving.properties names.
        Criteria<Image, Classifications> images = Criteria.builder()
                .setTypes(Image.class, Classifications.class)
                .optModelPath(dir)
                .optTranslatorFactory(new DeferredTranslatorFactory())
                .build();
        try (ZooModel<Image, Classifications> model = images.loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            Image image = ImageFactory.getInstance().fromFile(png);
            assertSame(predictor.predict(image), expected);
            List<Classifications> batch = predictor.batchPredict(List.of(image, image, image));
            assertThat(batch).hasSize(3);
            batch.forEach(answer -> assertSame(answer, expected));
        }
        // By URL, as DJL's model zoos name models.
        Criteria<Path, Classifications> files = Criteria.builder()
                .setTypes(Path.class, Classifications.class)
                .optModelUrls(dir.toUri().toString())
                .optTranslatorFactory(new DeferredTranslatorFactory())
                .build();
        try (ZooModel<Path, Classifications> model = files.loadModel();
                Predictor<Path, Classifications> predictor = model.newPredictor()) {
            assertSame(predictor.predict(png), expected);
        }
        Criteria<float[], Classifications> pixels = Criteria.builder()
                .setTypes(float[].class, Classifications.class)
                .optModelPath(dir)
                .optTranslatorFactory(new DeferredTranslatorFactory())
                .build();
        try (ZooModel<float[], Classifications> model = pixels.loadModel();
                Predictor<float[], Classifications> predictor = model.newPredictor()) {
            float[] mnist = dev.digits.model.image.DigitImages.toMnistPixels(drawnSeven());
            assertSame(predictor.predict(mnist), expected);
            assertThat(Prediction.of(predictor.predict(mnist)).toClassifications().getClassNames())
                    .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        }
    }

    @Test
    void djlServingsInputAndOutputFindTheTranslatorInServingPropertiesWithNothingMore() throws Exception {
        EngineRuntime runtime = on(EngineName.PYTORCH);
        saveUntrained(Architecture.SEED_CNN, runtime, randomImages(1));
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(drawnSeven(), "png", png);
        Prediction expected;
        try (DigitRecognizer recognizer = DigitRecognizer.load(dir, runtime)) {
            expected = recognizer.predict(png.toByteArray());
        }
        Criteria<ai.djl.modality.Input, ai.djl.modality.Output> criteria = Criteria.builder()
                .setTypes(ai.djl.modality.Input.class, ai.djl.modality.Output.class)
                .optModelPath(dir)
                .build();
        try (ZooModel<ai.djl.modality.Input, ai.djl.modality.Output> model = criteria.loadModel();
                Predictor<ai.djl.modality.Input, ai.djl.modality.Output> predictor = model.newPredictor()) {
            ai.djl.modality.Input input = new ai.djl.modality.Input();
            input.add("data", png.toByteArray());
            String json = predictor.predict(input).getData().getAsString();
            // The best class first, as DJL's Classifications write themselves.
            assertThat(json).startsWith("[{\"className\":\"" + expected.digit() + "\",\"probability\":0.");
        }
    }

    private static void assertSame(Classifications answer, Prediction expected) {
        Prediction read = Prediction.of(answer);
        assertThat(read.digit()).isEqualTo(expected.digit());
        float[] a = read.probabilities();
        float[] b = expected.probabilities();
        for (int d = 0; d < 10; d++) {
            assertThat(a[d]).isCloseTo(b[d], within(1e-6f));
        }
        assertThat(answer.best().getClassName()).isEqualTo(Integer.toString(expected.digit()));
    }

    private ModelFolder savedFolder() throws Exception {
        saveUntrained(Architecture.MLP, on(EngineName.PYTORCH), randomImages(1));
        return new ModelFolder(dir);
    }

    private void assertRefused(String... expected) {
        EngineRuntime runtime = on(EngineName.PYTORCH);
        assertThatThrownBy(() -> TestModelFolders.loadWithCriteria(dir, runtime).close())
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContainingAll(expected);
        assertThatThrownBy(() -> DigitRecognizer.load(dir, runtime).close())
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContainingAll(expected);
    }

    private void edit(String from, String to) throws Exception {
        Path file = dir.resolve(ServingProperties.FILE);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void aServingPropertiesThatIsDamagedOrDisagreesStopsLoadingNamingTheFile() throws Exception {
        ModelFolder folder = savedFolder();
        Path properties = folder.resolve(ServingProperties.FILE);
        String original = Files.readString(properties);
        String metadataFile = folder.readServingProperties().metadataFile();

        edit("architecture=mlp", "architecture=seed-cnn");
        assertRefused(folder.resolve(metadataFile).toString(), "disagree");
        Files.writeString(properties, original);
        edit("architecture=mlp", "architecture=transformer");
        assertRefused(properties.toString(), "unknown architecture 'transformer'",
                "seed-cnn, seed-cnn-bn, strided-cnn, lenet, resnet, mlp, ensemble");
        Files.writeString(properties, original);
        edit("hidden=128,64", "hidden=128,sixty");
        assertRefused(properties.toString(), "hidden");
        Files.writeString(properties, original);
        edit("option.epoch=2", "option.epoch=3");
        assertRefused(properties.toString(), "other weights");
        Files.writeString(properties, original);
        edit("paramsSha256=", "paramsSha256=00");
        assertRefused(properties.toString(), "paramsSha256");
        Files.writeString(properties, original);
        edit("translatorFactory=dev.digits.model.zoo.DigitTranslatorFactory",
                "translatorFactory=ai.djl.modality.cv.translator.ImageClassificationTranslatorFactory");
        assertRefused(properties.toString(), "translatorFactory");
        // Without serving.properties DJL cannot know the folder is a digits model: it looks for
        // TorchScript and fails; the project's own API names the missing file.
        Files.delete(properties);
        EngineRuntime runtime = on(EngineName.PYTORCH);
        assertThatThrownBy(() -> TestModelFolders.loadWithCriteria(dir, runtime).close())
                .isInstanceOf(java.io.FileNotFoundException.class);
        assertThatThrownBy(() -> DigitRecognizer.load(dir, runtime).close())
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining(properties + " is missing");
    }

    @Test
    void metadataOrWeightsThatAreMissingOrDisagreeStopLoadingNamingTheFile() throws Exception {
        ModelFolder folder = savedFolder();
        ServingProperties serving = folder.readServingProperties();
        Path metadata = folder.resolve(serving.metadataFile());
        String original = Files.readString(metadata);
        Files.writeString(metadata, original.replace("\"parameterCount\" : 109386", "\"parameterCount\" : 7"));
        assertRefused(metadata.toString(), "disagree");
        Files.writeString(metadata, "{ broken");
        assertRefused(metadata.toString(), "not a valid ModelMetadata");
        Files.delete(metadata);
        assertRefused(metadata + " is missing");
        Files.writeString(metadata, original);

        // Another architecture's weights under this model's name, with a matching SHA-256: the
        // count of weights read gives them away.
        edit("parameterCount=109386", "parameterCount=109387");
        Files.writeString(metadata, original.replace("\"parameterCount\" : 109386", "\"parameterCount\" : 109387"));
        assertRefused("109386", "109387");
    }
}
