package dev.digits.model.inference;

import dev.digits.model.nn.DigitNetwork;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
 * <p>DJL's {@link Predictor} is not thread-safe, so the recognizer keeps a small pool of them and
 * each call borrows one. MXNet gets a pool of one: its engine is not safe to drive from several
 * threads. Every call's arrays live in the predictor's own scope and are freed when it returns.
 */
public final class DigitRecognizer implements AutoCloseable {

    /** Images larger than this are refused before they are decoded: 16 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 16L << 20;

    private final Model model;
    private final ModelMetadata metadata;
    private final EngineRuntime runtime;
    private final BlockingQueue<Predictor<float[][], float[][]>> predictors;
    private final List<Predictor<float[][], float[][]>> all = new ArrayList<>();
    private final long maxPixels;
    private volatile boolean closed;

    private DigitRecognizer(Model model, ModelMetadata metadata, EngineRuntime runtime, int poolSize,
            long maxPixels) {
        this.model = model;
        this.metadata = metadata;
        this.runtime = runtime;
        this.maxPixels = maxPixels;
        // Fair: waiting callers get a predictor in turn, so none waits far longer than the rest.
        this.predictors = new ArrayBlockingQueue<>(poolSize, true);
        for (int i = 0; i < poolSize; i++) {
            Predictor<float[][], float[][]> predictor = model.newPredictor(new ProbabilitiesTranslator());
            all.add(predictor);
            predictors.add(predictor);
        }
    }

    /** Loads a model folder on the engine and device chosen by this JVM's settings. */
    public static DigitRecognizer load(Path modelFolder) {
        return load(modelFolder, EngineRuntime.activateFromEnvironment());
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

    /** Loads a model folder on the given engine and device, for calls of single images. */
    public static DigitRecognizer load(Path modelFolder, EngineRuntime runtime) {
        return load(modelFolder, runtime, Workload.SINGLE_IMAGES.poolSize(runtime.name()), DEFAULT_MAX_PIXELS);
    }

    /**
     * Loads a model folder.
     *
     * @param poolSize how many calls may run at once
     * @param maxPixels the largest image accepted, in pixels
     */
    public static DigitRecognizer load(Path modelFolder, EngineRuntime runtime, int poolSize, long maxPixels) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        ModelFolder folder = new ModelFolder(modelFolder);
        ModelMetadata metadata = folder.readMetadata();
        Model model = folder.loadModel(runtime);
        return new DigitRecognizer(model, metadata, runtime, poolSize, maxPixels);
    }

    /** How many calls may run at once: the number of predictors in the pool. */
    public int poolSize() {
        return all.size();
    }

    /** The model folder's metadata. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The engine and device predictions run on. */
    public EngineRuntime runtime() {
        return runtime;
    }

    /** Reads the digit in PNG, JPEG, GIF or BMP bytes. */
    public Prediction predict(byte[] imageBytes) {
        return predict(DigitImages.decode(imageBytes, maxPixels));
    }

    /** Reads the digit in an image of any size and colours, dark on light or light on dark. */
    public Prediction predict(BufferedImage image) {
        return predictPixels(List.of(DigitImages.toMnistPixels(image))).get(0);
    }

    /** Reads the digit in 784 MNIST-style pixels: row by row, 0 background to 1 ink. */
    public Prediction predict(float[] pixels) {
        return predictPixels(List.of(DigitImages.checkPixels(pixels))).get(0);
    }

    /**
     * Reads several MNIST-style pixel arrays in one forward pass.
     *
     * @throws InvalidImageException if an array is not 784 values in [0, 1] with some ink
     * @throws RecognizerClosedException if the recognizer is closed
     * @throws PredictionInterruptedException if the thread is interrupted while it waits
     * @throws PredictionFailedException if the engine fails
     */
    public List<Prediction> predictPixels(List<float[]> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        float[][] input = new float[batch.size()][];
        for (int i = 0; i < input.length; i++) {
            input[i] = DigitImages.checkPixels(batch.get(i));
        }
        float[][] probabilities = run(input);
        List<Prediction> predictions = new ArrayList<>(probabilities.length);
        for (float[] p : probabilities) {
            predictions.add(Prediction.of(p));
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

    private float[][] run(float[][] input) {
        if (closed) {
            throw new RecognizerClosedException("the recognizer is closed");
        }
        Predictor<float[][], float[][]> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PredictionInterruptedException("interrupted while waiting for a predictor", e);
        }
        try {
            return predictor.predict(input);
        } catch (TranslateException | RuntimeException e) {
            throw new PredictionFailedException("the " + runtime.name() + " forward pass failed: "
                    + EngineRuntime.rootMessage(e), e);
        } finally {
            predictors.add(predictor);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Predictor<float[][], float[][]> predictor : all) {
            predictor.close();
        }
        model.close();
    }

    /** A batch of pixel arrays in, a batch of probability arrays out. */
    private static final class ProbabilitiesTranslator implements Translator<float[][], float[][]> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[][] input) {
            float[] flat = new float[input.length * DigitImages.PIXELS];
            for (int i = 0; i < input.length; i++) {
                System.arraycopy(input[i], 0, flat, i * DigitImages.PIXELS, DigitImages.PIXELS);
            }
            NDArray array = ctx.getNDManager().create(flat, new Shape(input.length, 1, DigitImages.SIDE,
                    DigitImages.SIDE));
            return new NDList(array);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray logits = list.singletonOrThrow();
            int n = (int) logits.getShape().get(0);
            float[] flat = logits.softmax(1).toFloatArray();
            float[][] out = new float[n][DigitNetwork.CLASSES];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * DigitNetwork.CLASSES, out[i], 0, DigitNetwork.CLASSES);
            }
            return out;
        }

        @Override
        public Batchifier getBatchifier() {
            // The input is already a batch.
            return null;
        }
    }
}
