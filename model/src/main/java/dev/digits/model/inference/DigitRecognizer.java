package dev.digits.model.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.engine.Engine;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.engine.EngineSelectionException;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.folder.ServingProperties;
import dev.digits.model.image.DigitImages;
import dev.digits.model.image.DigitSegmentation;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.image.InvalidImageException;
import dev.digits.model.zoo.ModelFolderCriteria;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * each call borrows one, waiting at most {@link Builder#optMaxWait}. MXNet gets a pool of one:
 * its engine is not safe to drive from several threads. {@link #close()} lets calls in flight
 * finish and fails the waiting ones with {@link RecognizerClosedException}.
 */
public final class DigitRecognizer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(DigitRecognizer.class);

    /** Images larger than this are refused before they are decoded: {@link ImageDecoder#DEFAULT_MAX_PIXELS}. */
    public static final long DEFAULT_MAX_PIXELS = ImageDecoder.DEFAULT_MAX_PIXELS;
    /** How long a call waits for a free predictor before it gives up. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    /** A wide mark read as one digit this surely is not cut: a wide 0 stays a 0. */
    private static final double SURE_WHOLE = 0.9;
    /** How much surer, in mean log-probability, the digits of a cut must be than the mark whole. */
    private static final double CUT_MARGIN = 0.1;
    /** Separate marks in one image, at most, when reading a number: more is a page, not a number. */
    public static final int DEFAULT_MAX_MARKS = 100;

    private final ZooModel<float[], Classifications> model;
    private final ModelMetadata metadata;
    private final PredictorPool<float[], Classifications> pool;
    private final long maxPixels;
    private final int maxMarks;
    private boolean closed;

    private DigitRecognizer(ZooModel<float[], Classifications> model, ModelMetadata metadata, int poolSize,
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
    public static Builder builder(Path modelFolder) {
        return new Builder(modelFolder);
    }

    /** What the callers of a recognizer send; it decides how many predictors pay. */
    public enum Workload {
        /**
         * Threads that each send one image. Single-image passes leave cores idle, so PyTorch gets
         * two predictors per core: with four calling threads on two cores, four predictors
         * answered about 25% more than two.
         */
        SINGLE_IMAGES,
        /**
         * A batching server's workers, one per predictor. A pass of many images keeps the cores
         * busy but for its serial parts: two PyTorch passes at once answered 15-18% more at 32
         * connections than one.
         */
        BATCHES;

        /** Predictors for this workload; MXNet always gets one, its engine is not safe to share. */
        public int poolSize(EngineName engine) {
            if (engine == EngineName.MXNET) {
                return 1;
            }
            return this == SINGLE_IMAGES ? 2 * Runtime.getRuntime().availableProcessors() : 2;
        }
    }

    /** How a recognizer is loaded; every option has a default. */
    public static final class Builder {

        private final Path folder;
        private EngineRuntime runtime;
        private Workload workload = Workload.SINGLE_IMAGES;
        private Integer poolSize;
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private int maxMarks = DEFAULT_MAX_MARKS;
        private Duration maxWait = DEFAULT_MAX_WAIT;

        private Builder(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder");
        }

        /** The engine and device, as {@link EngineRuntime#activate} loaded them; else as {@link #load(Path)} chooses. */
        public Builder optRuntime(EngineRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        /** What the callers send, which sets the pool size unless {@link #optPoolSize} does. */
        public Builder optWorkload(Workload workload) {
            this.workload = Objects.requireNonNull(workload, "workload");
            return this;
        }

        /** How many calls may run at once. */
        public Builder optPoolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("pool size must be at least 1");
            }
            this.poolSize = poolSize;
            return this;
        }

        /** The largest image accepted, in pixels. */
        public Builder optMaxPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("the largest image must have at least 1 pixel");
            }
            this.maxPixels = maxPixels;
            return this;
        }

        /** The most separate marks {@link #readNumber} looks at in one image; more is refused. */
        public Builder optMaxMarks(int maxMarks) {
            if (maxMarks < 1) {
                throw new IllegalArgumentException("at least 1 mark must be allowed");
            }
            this.maxMarks = maxMarks;
            return this;
        }

        /** How long a call waits for a predictor before {@link RecognizerBusyException}. */
        public Builder optMaxWait(Duration maxWait) {
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("the wait must not be negative");
            }
            this.maxWait = maxWait;
            return this;
        }

        /**
         * Loads the folder.
         *
         * @throws ModelFolderException if the folder is missing, damaged or inconsistent
         */
        public DigitRecognizer build() {
            ModelFolder modelFolder = new ModelFolder(folder);
            // Our own message for a missing folder or an older format; DJL would only say it found no model.
            ServingProperties serving = modelFolder.readServingProperties();
            Criteria.Builder<float[], Classifications> criteria = ModelFolderCriteria.builder(float[].class,
                    modelFolder, serving);
            if (runtime != null) {
                criteria.optEngine(runtime.name().djlName()).optDevice(runtime.device());
            } else {
                // Chosen as digits chooses, and given to DJL for this model only: nothing JVM-wide is set.
                EngineSelection selection = EngineSelection.fromEnvironment();
                criteria.optEngine(selection.engine().djlName());
                Engine engine;
                try {
                    engine = Engine.getEngine(selection.engine().djlName());
                } catch (RuntimeException | LinkageError e) {
                    throw new EngineSelectionException("Engine " + selection.engine() + " could not be loaded: "
                            + EngineRuntime.rootMessage(e), e);
                }
                criteria.optDevice(selection.device().resolve(engine));
            }
            ZooModel<float[], Classifications> model;
            try {
                model = criteria.build().loadModel();
            } catch (ModelNotFoundException | MalformedModelException | IOException e) {
                throw new ModelFolderException("cannot load the model in " + modelFolder.root() + ": "
                        + EngineRuntime.rootMessage(e), e);
            }
            try {
                // DJL read the weights the checked file named, and its block factory checked the file it
                // re-read against them: a model saved into the folder meanwhile is another model.
                if (!serving.paramsSha256().equals(model.getProperty("paramsSha256"))) {
                    throw new ModelFolderException(modelFolder.resolve(ServingProperties.FILE) + " changed while the"
                            + " model was loading (a model was saved into the folder at that moment?); load it again.");
                }
                ModelMetadata metadata = modelFolder.readMetadata(serving);
                EngineName engine = EngineName.parse(model.getNDManager().getEngine().getEngineName(), "DJL");
                int size = poolSize != null ? poolSize : workload.poolSize(engine);
                if (engine == EngineName.MXNET) {
                    size = 1;
                }
                return new DigitRecognizer(model, metadata, size, maxPixels, maxMarks, maxWait);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
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
     * right, the pieces of one digit joined, specks dropped; a mark too wide for one digit is also
     * read cut in two and in three, and the reading whose digits are surest on average wins.
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
        // Every candidate piece of every mark, in one batch.
        List<float[]> pixels = new ArrayList<>();
        List<int[]> boxes = new ArrayList<>();
        List<List<List<Integer>>> pieces = new ArrayList<>(); // mark -> reading -> piece indices
        List<List<Double>> priors = new ArrayList<>();
        for (DigitSegmentation.Mark mark : marks) {
            List<List<Integer>> readings = new ArrayList<>();
            List<Double> readingPriors = new ArrayList<>();
            for (DigitSegmentation.Reading reading : segmentation.readings(mark, marks)) {
                List<Integer> indices = new ArrayList<>();
                for (int[] columns : reading.columnRanges()) {
                    int[] box = new int[4];
                    float[] piece = segmentation.pixels(mark, columns, box);
                    if (piece == null) {
                        indices = null;
                        break;
                    }
                    indices.add(pixels.size());
                    pixels.add(piece);
                    boxes.add(box);
                }
                if (indices != null) {
                    readings.add(indices);
                    readingPriors.add(reading.prior());
                }
            }
            pieces.add(readings);
            priors.add(readingPriors);
        }
        List<Prediction> predictions = predictPixels(pixels);
        List<NumberReading.DigitInNumber> digits = new ArrayList<>();
        StringBuilder number = new StringBuilder();
        double confidence = 1;
        for (int m = 0; m < pieces.size(); m++) {
            List<List<Integer>> readings = pieces.get(m);
            List<Integer> best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < readings.size(); r++) {
                List<Integer> reading = readings.get(r);
                double logSum = 0;
                for (int index : reading) {
                    logSum += Math.log(Math.max(1e-9, predictions.get(index).confidence()));
                }
                double score = logSum / reading.size() + priors.get(m).get(r);
                if (best == null) {
                    // The mark whole comes first; cut only when the network doubts it as one digit.
                    best = reading;
                    bestScore = score;
                    if (score >= Math.log(SURE_WHOLE) && priors.get(m).get(r) == 0) {
                        break;
                    }
                } else if (score > bestScore + CUT_MARGIN) {
                    bestScore = score;
                    best = reading;
                }
            }
            for (int index : best) {
                Prediction prediction = predictions.get(index);
                digits.add(new NumberReading.DigitInNumber(prediction.digit(), prediction.confidence(),
                        boxes.get(index), prediction, pixels.get(index)));
                number.append(prediction.digit());
                confidence *= prediction.confidence();
            }
        }
        return new NumberReading(number.toString(), (float) confidence, digits);
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
