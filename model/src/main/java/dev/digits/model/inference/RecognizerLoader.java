package dev.digits.model.inference;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.engine.EngineSelectionException;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.folder.OnnxExports;
import dev.digits.model.folder.ServingProperties;
import dev.digits.model.zoo.ModelFolderBlockFactory;
import dev.digits.model.zoo.ModelFolderCriteria;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Loads a model folder into a {@link DigitRecognizer}: the folder checked, loaded through DJL's
 * {@code Criteria} on the engine and device chosen, and a pool of predictors sized for the workload.
 * Every option has a default.
 */
public final class RecognizerLoader {

    private final Path folder;
    private EngineRuntime runtime;
    private Workload workload = Workload.SINGLE_IMAGES;
    private Integer poolSize;
    private long maxPixels = DigitRecognizer.DEFAULT_MAX_PIXELS;
    private int maxMarks = DigitRecognizer.DEFAULT_MAX_MARKS;
    private Duration maxWait = DigitRecognizer.DEFAULT_MAX_WAIT;

    RecognizerLoader(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The engine and device, as {@link EngineRuntime#activate} loaded them; else as {@link DigitRecognizer#load(Path)} chooses. */
    public RecognizerLoader optRuntime(EngineRuntime runtime) {
        this.runtime = runtime;
        return this;
    }

    /** What the callers send, which sets the pool size unless {@link #optPoolSize} does. */
    public RecognizerLoader optWorkload(Workload workload) {
        this.workload = Objects.requireNonNull(workload, "workload");
        return this;
    }

    /** How many calls may run at once. */
    public RecognizerLoader optPoolSize(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        this.poolSize = poolSize;
        return this;
    }

    /** The largest image accepted, in pixels. */
    public RecognizerLoader optMaxPixels(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the largest image must have at least 1 pixel");
        }
        this.maxPixels = maxPixels;
        return this;
    }

    /** The most separate marks {@link DigitRecognizer#readNumber} looks at in one image; more is refused. */
    public RecognizerLoader optMaxMarks(int maxMarks) {
        if (maxMarks < 1) {
            throw new IllegalArgumentException("at least 1 mark must be allowed");
        }
        this.maxMarks = maxMarks;
        return this;
    }

    /** How long a call waits for a predictor before {@link RecognizerBusyException}. */
    public RecognizerLoader optMaxWait(Duration maxWait) {
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
        ModelFolderBlockFactory checks = new ModelFolderBlockFactory(serving);
        Criteria.Builder<float[], Classifications> criteria = ModelFolderCriteria.builder(float[].class,
                modelFolder, serving, checks);
        EngineName chosen;
        if (runtime != null) {
            chosen = runtime.name();
            criteria.optEngine(runtime.name().djlName()).optDevice(runtime.device());
        } else {
            // Chosen as digits chooses, and given to DJL for this model only: nothing JVM-wide is set.
            EngineSelection selection = EngineSelection.fromEnvironment();
            chosen = selection.engine();
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
        if (chosen == EngineName.ONNX_RUNTIME) {
            // ONNX Runtime reads the folder's export, by the name of the model it was made from.
            criteria.optModelName(OnnxExports.modelName(serving.paramsSha256()));
        }
        ZooModel<float[], Classifications> model;
        try {
            model = criteria.build().loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new ModelFolderException("cannot load the model in " + modelFolder.root() + ": "
                    + EngineRuntime.rootMessage(e), e);
        }
        try {
            // The block factory checked the serving.properties DJL read, and the metadata and weights it
            // names: a model saved into the folder since this loader read it is another model.
            ModelMetadata metadata = checks.checkedMetadata();
            if (!serving.equals(ServingProperties.of(metadata))) {
                throw new ModelFolderException(modelFolder.resolve(ServingProperties.FILE) + " changed while the"
                        + " model was loading (a model was saved into the folder at that moment?); load it again.");
            }
            EngineName engine = EngineName.parse(model.getNDManager().getEngine().getEngineName(), "DJL");
            return new DigitRecognizer(model, metadata, workload.poolSize(engine, poolSize), maxPixels, maxMarks,
                    maxWait);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
