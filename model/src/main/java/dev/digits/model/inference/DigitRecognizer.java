package dev.digits.model.inference;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.image.DigitImages;
import dev.digits.model.image.DigitSegmentation;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.image.InvalidImageException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads digits with a trained model folder; safe to call from many threads at once.
 *
 * <pre>{@code
 * try (DigitRecognizer recognizer = DigitRecognizer.load(Path.of("models/digits"))) {
 *     Prediction p = recognizer.predict(Files.readAllBytes(Path.of("seven.png")));
 *     System.out.println(p.digit() + " " + p.confidence());
 * }
 * }</pre>
 *
 * <p>The folder is loaded through DJL's {@link Criteria}, as any DJL application may load it, and
 * every call goes through the folder's translator ({@code DigitPixelsTranslator}): evaluation
 * and the server read digits the same way. Loading sets nothing JVM-wide; only
 * {@link EngineRuntime#activate}, which the command lines call, sets DJL's defaults (offline
 * mode, the default engine, native threads).
 *
 * <p>DJL's {@link Predictor} is not thread-safe, so the recognizer keeps a small pool of them and
 * each call borrows one, waiting at most {@link RecognizerLoader#optMaxWait}. MXNet gets a pool of one:
 * its engine is not safe to drive from several threads. {@link #close()} lets calls in flight
 * finish and fails the waiting ones with {@link RecognizerClosedException}.
 */
public final class DigitRecognizer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(DigitRecognizer.class);

    /** Images larger than this are refused before they are decoded: {@link ImageDecoder#DEFAULT_MAX_PIXELS}. */
    public static final long DEFAULT_MAX_PIXELS = ImageDecoder.DEFAULT_MAX_PIXELS;
    /** How long a call waits for a free predictor before it gives up. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    /** Separate marks in one image, at most, when reading a number: more is a page, not a number. */
    public static final int DEFAULT_MAX_MARKS = 100;

    private final ZooModel<float[], Classifications> model;
    private final ModelMetadata metadata;
    private final PredictorPool<float[], Classifications> pool;
    private final long maxPixels;
    private final int maxMarks;
    private boolean closed;

    DigitRecognizer(ZooModel<float[], Classifications> model, ModelMetadata metadata, int poolSize,
            long maxPixels, int maxMarks, Duration maxWait) {
        this.model = model;
        this.metadata = metadata;
        this.maxPixels = maxPixels;
        this.maxMarks = maxMarks;
        this.pool = new PredictorPool<>(model::newPredictor, poolSize, maxWait);
    }

    /**
     * Loads a model folder on the engine and device chosen as the {@code digits} commands choose
     * them ({@code -Dai.djl.default_engine}, then {@code DJL_DEFAULT_ENGINE}, then PyTorch;
     * {@code -Ddigits.device}), for calls of single images. Sets no system property and no
     * environment variable: DJL's offline mode and the native thread settings stay as they are.
     */
    public static DigitRecognizer load(Path modelFolder) {
        return builder(modelFolder).build();
    }

    /** Loads a model folder on the given engine and device, for calls of single images. */
    public static DigitRecognizer load(Path modelFolder, EngineRuntime runtime) {
        return builder(modelFolder).optRuntime(runtime).build();
    }

    /** Options for loading a model folder. */
    public static RecognizerLoader builder(Path modelFolder) {
        return new RecognizerLoader(modelFolder);
    }

    /**
     * An image that failed where no image should (a decoder's bug, say): its own error, with the
     * details in the log, so that it costs its own answer and no other's.
     */
    private static InvalidImageException unreadable(RuntimeException e) {
        logger.warn("An image could not be read", e);
        return new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "the image cannot be read: "
                + EngineRuntime.rootMessage(e), e);
    }

    /** How many calls may run at once: the number of predictors in the pool. */
    public int poolSize() {
        return pool.size();
    }

    /** The model folder's metadata, of the very weights this recognizer loaded. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The model folder it was loaded from. */
    public Path folder() {
        return model.getModelPath();
    }

    /** The engine predictions run on, as DJL names it: {@code PyTorch} or {@code MXNet}. */
    public String engineName() {
        return model.getNDManager().getEngine().getEngineName();
    }

    /** The engine's own version, for example {@code 2.7.1}. */
    public String engineVersion() {
        return model.getNDManager().getEngine().getVersion();
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** Reads the digit in PNG, JPEG, GIF or BMP bytes. */
    public Prediction predict(byte[] imageBytes) {
        return predict(ImageDecoder.decode(imageBytes, maxPixels));
    }

    /** Reads the digit in an image of any size and colours, dark on light or light on dark. */
    public Prediction predict(BufferedImage image) {
        return predictPixels(List.of(DigitImages.toMnistPixels(image))).get(0);
    }

    /** Reads the digit in 784 MNIST-style pixels: row by row, 0 background to 1 ink. */
    public Prediction predict(float[] pixels) {
        return predictPixels(List.of(pixels)).get(0);
    }

    /**
     * Reads several MNIST-style pixel arrays in one forward pass.
     *
     * @throws InvalidImageException if an array is not 784 values in [0, 1] with some ink
     * @throws RecognizerClosedException if the recognizer is closed
     * @throws RecognizerBusyException if no predictor came free in time
     * @throws PredictionInterruptedException if the thread is interrupted while it waits
     * @throws PredictionFailedException if the engine fails
     */
    public List<Prediction> predictPixels(List<float[]> batch) {
        List<Prediction> predictions = new ArrayList<>(batch.size());
        for (Classifications answer : classify(batch)) {
            predictions.add(Prediction.of(answer));
        }
        return predictions;
    }

    /** Reads several images in one forward pass. */
    public List<Prediction> predictImages(List<BufferedImage> images) {
        List<float[]> pixels = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            pixels.add(DigitImages.toMnistPixels(image));
        }
        return predictPixels(pixels);
    }

    /** Something that decodes one image when asked, or says why it cannot. */
    @FunctionalInterface
    public interface ImageSource {
        /**
         * @throws InvalidImageException if there is no image to read
         */
        BufferedImage decode();
    }

    /**
     * Reads many images in one forward pass, where one bad image must not cost the others their
     * answer (a folder of files, a partition of a table): each image that cannot be decoded, or
     * holds no digit, gets its error; the others are read all the same.
     *
     * @return a reading per image, in their order
     * @throws RecognizerClosedException, RecognizerBusyException, PredictionInterruptedException or
     *     PredictionFailedException as {@link #predictPixels} does: failures of the recognizer, not
     *     of an image
     */
    public List<Reading> readEach(List<? extends ImageSource> images) {
        Reading[] readings = new Reading[images.size()];
        List<Integer> readable = new ArrayList<>(images.size());
        List<float[]> pixels = new ArrayList<>(images.size());
        for (int i = 0; i < readings.length; i++) {
            try {
                pixels.add(DigitImages.toMnistPixels(images.get(i).decode()));
                readable.add(i);
            } catch (InvalidImageException e) {
                readings[i] = Reading.failed(e.getMessage());
            } catch (RuntimeException e) {
                // Whatever one image does to a decoder, the others are still read.
                readings[i] = Reading.failed(unreadable(e).getMessage());
            }
        }
        List<Prediction> predictions = predictPixels(pixels);
        for (int i = 0; i < readable.size(); i++) {
            readings[readable.get(i)] = Reading.of(predictions.get(i));
        }
        return List.of(readings);
    }

    /** As {@link #readEach}, for images as PNG, JPEG, GIF or BMP bytes (null bytes: an empty image). */
    public List<Reading> readEachEncoded(List<byte[]> images) {
        List<ImageSource> sources = new ArrayList<>(images.size());
        for (byte[] bytes : images) {
            sources.add(() -> ImageDecoder.decode(bytes, maxPixels));
        }
        return readEach(sources);
    }

    /**
     * Reads the handwritten number in an image decoded when asked; whatever the decoding throws is
     * this image's error ({@link InvalidImageException}), as in {@link #readEach}.
     */
    public NumberReading readNumber(ImageSource source) {
        BufferedImage image;
        try {
            image = source.decode();
        } catch (InvalidImageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
        return readNumber(image);
    }

    /** Reads the handwritten number in PNG, JPEG, GIF or BMP bytes; see {@link #readNumber(BufferedImage)}. */
    public NumberReading readNumber(byte[] imageBytes) {
        return readNumber(ImageDecoder.decode(imageBytes, maxPixels));
    }

    /**
     * Reads a handwritten number of one or more digits, in one forward pass: its marks left to
     * right, the pieces of one digit joined, specks dropped; a mark about as wide as the digits are
     * tall is also read cut in two (at up to 8 columns) and, if wide enough, in three; the reading
     * whose digits are surest, with a cost for each digit more and for a whole wider than a digit, wins.
     *
     * @throws InvalidImageException if the image is blank, or holds more than the allowed marks
     */
    public NumberReading readNumber(BufferedImage image) {
        DigitSegmentation segmentation;
        List<DigitSegmentation.Mark> marks;
        try {
            segmentation = new DigitSegmentation(DigitImages.ink(image), image.getWidth(), image.getHeight());
            marks = segmentation.marks(maxMarks);
        } catch (InvalidImageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
        return NumberReader.read(segmentation, marks, this::predictPixels);
    }

    /** As {@link #predictPixels}, answering in DJL's terms. */
    public List<Classifications> classify(List<float[]> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        for (float[] pixels : batch) {
            // Checked here too, so that a bad array fails before it waits for a predictor.
            DigitImages.checkPixels(pixels);
        }
        try {
            return pool.run(predictor -> predictor.batchPredict(batch));
        } catch (TranslateException e) {
            if (e.getCause() instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw failed(e);
        } catch (RecognizerClosedException | RecognizerBusyException | PredictionInterruptedException
                | InvalidImageException e) {
            throw e;
        } catch (Exception e) {
            throw failed(e);
        }
    }

    private PredictionFailedException failed(Exception e) {
        return new PredictionFailedException("the " + engineName() + " forward pass failed: "
                + EngineRuntime.rootMessage(e), e);
    }

    /** Lets calls in flight finish, fails those waiting, then frees the predictors and the model. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
        model.close();
    }
}
