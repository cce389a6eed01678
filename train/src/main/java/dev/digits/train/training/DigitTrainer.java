package dev.digits.train.training;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.DivergenceCheckTrainingListener;
import ai.djl.training.listener.EpochTrainingListener;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.LoggingTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import ai.djl.util.RandomUtils;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.ValidationSet;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.nn.Architecture;
import dev.digits.model.nn.DigitNetwork;
import dev.digits.model.zoo.DigitPixelsTranslator;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.data.ValidationSplit;
import dev.digits.train.evaluation.DigitEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the digit network on MNIST with a DJL {@link Trainer} and writes the model folder:
 * a checkpoint after every epoch, then the model, its evaluation and its history.
 */
public final class DigitTrainer {

    private static final Logger logger = LoggerFactory.getLogger(DigitTrainer.class);

    private final EngineRuntime runtime;

    /** @throws dev.digits.engine.EngineSelectionException if the engine does not train */
    public DigitTrainer(EngineRuntime runtime) {
        this.runtime = runtime.requireTraining("training");
    }

    /**
     * Runs training as the options say.
     *
     * @throws TrainingStoppedException if a stop was requested (the last checkpoint is kept)
     * @throws IllegalArgumentException if a resume does not fit the folder's checkpoint
     */
    public TrainingResult train(TrainingOptions requested, MnistFiles data) throws IOException, TranslateException {
        return run(requested, data, true);
    }

    /**
     * Trains as the options say and returns only the run's history, validated on training images
     * held out: a trial of a search, which writes no model folder or checkpoint and never reads the
     * test images.
     *
     * @throws IllegalArgumentException if the options hold no images out, or ask to resume
     */
    public TrainingHistory trial(TrainingOptions options, MnistFiles data) throws IOException, TranslateException {
        if (options.validationImages() == 0 || options.resume()) {
            throw new IllegalArgumentException("a trial validates on held-out training images and does not resume");
        }
        return run(options, data, false).history();
    }

    private TrainingResult run(TrainingOptions requested, MnistFiles data, boolean keepModel)
            throws IOException, TranslateException {
        ModelFolder folder = new ModelFolder(requested.outputDir());
        if (keepModel) {
            Architecture network = requested.architectureOrDefault();
            try (NDManager scratch = runtime.engine().newBaseManager()) {
                OutputRoom.require(folder.root(),
                        Architecture.countParameters(network.newBlock(network.defaultArguments()), scratch));
            }
        }
        Checkpoints checkpoints = new Checkpoints(folder);
        TrainingOptions options = requested;
        CheckpointInfo resumed = null;
        Path resumeFrom = null;
        if (requested.resume()) {
            Optional<Path> latest = checkpoints.latest();
            if (latest.isEmpty()) {
                throw new IllegalArgumentException("--resume: " + checkpoints.dir()
                        + " holds no checkpoint to resume from; run without --resume to start training.");
            }
            resumeFrom = latest.get();
            resumed = checkpoints.readInfo(resumeFrom);
            options = ResumedRun.options(requested, resumed, data);
            logger.info("Resuming from {} after epoch {} of {}", resumeFrom, resumed.epoch(), options.epochs());
        } else if (keepModel && Files.isDirectory(checkpoints.dir())) {
            logger.warn("Starting a fresh run: removing the previous run's checkpoints in {} (--resume continues a run)",
                    checkpoints.dir());
            checkpoints.clear();
        }
        Hyperparameters hyperparameters = options.hyperparameters();
        int firstEpoch = resumed == null ? 1 : resumed.epoch() + 1;
        TrainingHistory history = resumed == null ? TrainingHistory.empty() : resumed.history();
        double earlierSeconds = resumed == null ? 0 : resumed.trainingSeconds();

        runtime.engine().setRandomSeed((int) options.seed());
        RandomUtils.RANDOM.setSeed(options.seed());
        long started = System.nanoTime();

        try (StopSignal stop = new StopSignal();
                NDManager manager = runtime.engine().newBaseManager();
                Model model = Model.newInstance("digits", runtime.device(), runtime.name().djlName())) {
            Mnist trainImages = data.dataset(Dataset.Usage.TRAIN, options.batchSize(), true, options.trainLimit(),
                    manager);
            Mnist testSet = keepModel
                    ? data.dataset(Dataset.Usage.TEST, options.batchSize(), false, options.testLimit(), manager) : null;
            RandomAccessDataset trainSet = trainImages;
            RandomAccessDataset validationSet = testSet;
            ValidationSet validationName = ValidationSet.TEST;
            if (options.validationImages() > 0) {
                ValidationSplit split = new ValidationSplit((int) trainImages.size(), options.validationImages());
                trainSet = trainImages.subDataset(split.trainingIndices());
                validationSet = trainImages.subDataset(split.validationIndices());
                validationName = ValidationSet.HELD_OUT;
            }
            logger.info("Training on {} images, validating on {} {} ({}), {} epochs of batch {}", trainSet.size(),
                    validationSet.size(), validationName == ValidationSet.TEST ? "test images"
                            : "training images held out of training", data.source(), options.epochs(),
                    options.batchSize());

            logger.info("Recipe {}: Adam {} ({}), augmentation {}", options.recipe().id(), options.learningRate(),
                    options.schedule(), options.augmentation());
            Architecture architecture = options.architectureOrDefault();
            logger.info("Network: {}, {}", architecture.id(), architecture.description());
            Block block = architecture.newBlock(architecture.defaultArguments());
            model.setBlock(block);
            if (resumeFrom != null) {
                block.initialize(model.getNDManager(), DataType.FLOAT32, DigitNetwork.inputShape(options.batchSize()));
            }
            try (ResumableAdam optimizer = ResumableAdam.builder()
                    .learningRate(options.schedule().tracker(options.learningRate(), options.epochs(),
                            (int) batchesPerEpoch(trainSet, options)))
                    .betas(TrainingOptions.BETA1, TrainingOptions.BETA2)
                    .epsilon(TrainingOptions.EPSILON)
                    .beginStep(resumed == null ? 0 : resumed.optimizerSteps())
                    .build()) {
                if (resumeFrom != null) {
                    checkpoints.load(resumeFrom, block, optimizer, model.getNDManager());
                }
                EpochRecorder.CheckpointWriter checkpointWriter = !keepModel ? epochs -> { }
                        : epochs -> checkpoints.save(block, optimizer, new CheckpointInfo(architecture.id(),
                                epochs.size(), optimizer.steps(), hyperparameters, epochs, data.checksums(),
                                runtime.name().djlName(), earlierSeconds + (System.nanoTime() - started) / 1e9));
                TrainingHistory trained = fit(model, optimizer, options, history, trainSet, validationSet,
                        validationName, stop, checkpointWriter, firstEpoch);
                if (!keepModel) {
                    return new TrainingResult(null, null, trained, null);
                }
                double trainingSeconds = earlierSeconds + (System.nanoTime() - started) / 1e9;
                return save(folder, model, architecture, options, hyperparameters, data, trained, testSet,
                        trainingSeconds);
            }
        }
    }

    /** Runs the epochs from {@code firstEpoch} on and returns the whole run's history. */
    private TrainingHistory fit(Model model, ResumableAdam optimizer, TrainingOptions run,
            TrainingHistory history, RandomAccessDataset trainSet, RandomAccessDataset validationSet,
            ValidationSet validationName, StopSignal stop,
            EpochRecorder.CheckpointWriter checkpointWriter, int firstEpoch) throws IOException, TranslateException {
        EvaluatorTrainingListener evaluators = new EvaluatorTrainingListener();
        EpochRecorder recorder = new EpochRecorder(evaluators, history, checkpointWriter, validationName);
        Loss loss = run.augmentation().pairs() > 0 ? new DigitOrPairLoss() : Loss.softmaxCrossEntropyLoss();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer)
                .addEvaluator(new DigitAccuracy())
                .optDevices(new ai.djl.Device[] {runtime.device()})
                .addTrainingListeners(new EpochTrainingListener(), evaluators, new DivergenceCheckTrainingListener());
        if (Terminal.isInteractive()) {
            // DJL's progress bar redraws one line with carriage returns: a terminal's business only.
            config.addTrainingListeners(new LoggingTrainingListener());
        }
        config.addTrainingListeners(recorder);

        ExecutorService ahead = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "digits-augmentation");
            thread.setDaemon(true);
            return thread;
        });
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(DigitNetwork.inputShape(run.batchSize()));
            for (int epoch = firstEpoch; epoch <= run.epochs(); epoch++) {
                // Each epoch's order depends only on the seed and the epoch, so a resumed run
                // sees the same batches as an uninterrupted one.
                RandomUtils.RANDOM.setSeed(run.seed() * 1_000_003L + epoch);
                recorder.epochStarted();
                Iterable<Batch> batches = trainer.iterateDataset(trainSet);
                try (DistortedBatches distorted = run.augmentation().equals(Augmentation.NONE) ? null
                        : new DistortedBatches(batches, batchesPerEpoch(trainSet, run), run.augmentation(), run.seed(), epoch, ahead)) {
                    for (Batch batch : distorted == null ? batches : (Iterable<Batch>) () -> distorted) {
                        try (batch) {
                            EasyTrain.trainBatch(trainer, batch);
                            trainer.step();
                        }
                        if (stop.requested()) {
                            throw stopped(epoch - 1);
                        }
                    }
                }
                EasyTrain.evaluateDataset(trainer, validationSet);
                trainer.notifyListeners(listener -> listener.onEpoch(trainer));
                if (stop.requested() && epoch < run.epochs()) {
                    throw stopped(epoch);
                }
            }
        } finally {
            ahead.shutdownNow();
        }
        return recorder.history();
    }

    /** Batches in an epoch: the last may be short. */
    private static long batchesPerEpoch(RandomAccessDataset trainSet, TrainingOptions run) {
        return (trainSet.size() + run.batchSize() - 1) / run.batchSize();
    }

    /**
     * Saves the trained model as the folder's model, with its history and an evaluation that
     * reads the test images through the translator every loaded model uses.
     */
    private TrainingResult save(ModelFolder folder, Model model, Architecture architecture, TrainingOptions run,
            Hyperparameters hyperparameters, MnistFiles data, TrainingHistory history, Mnist testSet,
            double trainingSeconds) throws IOException, TranslateException {
        ModelFolder.SavedParameters saved = folder.saveParameters(model, run.epochs());
        Evaluation evaluation;
        try (Predictor<float[], Classifications> predictor = model.newPredictor(new DigitPixelsTranslator());
                NDManager manager = runtime.engine().newBaseManager()) {
            evaluation = DigitEvaluator.evaluate(predictor::batchPredict, testSet, runtime, saved.sha256(), manager);
        }
        ModelMetadata metadata = new ModelMetadata(ModelFolder.FORMAT_VERSION, saved.fileName(), saved.sha256(),
                Architecture.parameterCount(model.getBlock()), architecture.id(), architecture.defaultArguments(),
                runtime.name().djlName(), runtime.version(), runtime.device().toString(), hyperparameters,
                data.checksums(), evaluation.accuracy(), trainingSeconds, Instant.now().toString(), List.of());
        folder.commit(metadata, history, evaluation);
        logger.info("Model saved in {}: test accuracy {} after {} epochs, {} s",
                folder.root(), String.format(Locale.ROOT, "%.4f", evaluation.accuracy()), run.epochs(),
                String.format(Locale.ROOT, "%.0f", trainingSeconds));
        return new TrainingResult(folder, metadata, history, evaluation);
    }

    /**
     * Says so in the log before the stop unwinds: once the loop has freed native memory, the JVM
     * finishes its shutdown and exits, and nothing printed later is sure to appear.
     */
    private static TrainingStoppedException stopped(int finishedEpochs) {
        TrainingStoppedException stop = new TrainingStoppedException(finishedEpochs);
        logger.warn("{}", stop.getMessage());
        return stop;
    }
}
