package dev.digits.train.ensemble;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.folder.EnsembleMember;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.nn.Architecture;
import dev.digits.model.nn.DigitNetwork;
import dev.digits.model.nn.EnsembleBlockFactory;
import dev.digits.model.zoo.DigitPixelsTranslator;
import dev.digits.model.zoo.ModelFolderCriteria;
import dev.digits.train.data.MnistFiles;
import dev.digits.train.evaluation.DigitEvaluator;
import dev.digits.train.training.TrainingResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines trained model folders of one architecture into an ensemble model folder: one DJL
 * model whose block runs the members side by side and answers the mean of their probabilities
 * ({@link EnsembleBlockFactory}). The new folder loads, serves, evaluates and charts like any
 * other; its evaluation reads the test images through the same translator as a trained model's.
 */
public final class EnsembleCombiner {

    private static final Logger logger = LoggerFactory.getLogger(EnsembleCombiner.class);

    private final EngineRuntime runtime;

    /** @throws dev.digits.engine.EngineSelectionException if the engine does not load networks to combine */
    public EnsembleCombiner(EngineRuntime runtime) {
        this.runtime = runtime.requireTraining("combining an ensemble");
    }

    /**
     * Combines the members into {@code output}, evaluated on the first {@code testLimit} test images.
     *
     * @throws IllegalArgumentException if the members cannot form an ensemble, naming why
     * @throws ModelFolderException if a member's folder is missing or damaged
     */
    public TrainingResult combine(List<Path> memberFolders, Path output, MnistFiles data, int testLimit)
            throws IOException, TranslateException {
        List<ModelMetadata> members = check(memberFolders, output);
        Architecture architecture = Architecture.parse(members.get(0).architecture());
        Map<String, String> arguments = EnsembleBlockFactory.arguments(members.size(), architecture);
        logger.info("Combining {} {} networks into {}", members.size(), architecture.id(), output);
        ModelFolder folder = new ModelFolder(output);
        try (Model ensemble = Model.newInstance("digits", runtime.device(), runtime.name().djlName())) {
            Block block = Architecture.ENSEMBLE.newBlock(arguments);
            ensemble.setBlock(block);
            block.initialize(ensemble.getNDManager(), DataType.FLOAT32, DigitNetwork.inputShape(1));
            List<Block> slots = block.getChildren().values();
            for (int i = 0; i < members.size(); i++) {
                copyWeights(memberFolders.get(i), slots.get(i), ensemble.getNDManager());
            }
            ModelFolder.SavedParameters saved = folder.saveParameters(ensemble, 0);
            Evaluation evaluation;
            try (Predictor<float[], Classifications> predictor = ensemble.newPredictor(new DigitPixelsTranslator());
                    NDManager manager = runtime.engine().newBaseManager()) {
                Dataset testSet = data.dataset(Dataset.Usage.TEST, 256, false, testLimit, manager);
                evaluation = DigitEvaluator.evaluate(predictor::batchPredict, testSet, runtime, saved.sha256(), manager);
            }
            List<EnsembleMember> provenance = new ArrayList<>();
            double seconds = 0;
            for (int i = 0; i < members.size(); i++) {
                ModelMetadata member = members.get(i);
                provenance.add(new EnsembleMember(memberFolders.get(i).toAbsolutePath().normalize().toString(),
                        member.paramsSha256(), member.engine(), member.hyperparameters(), member.testAccuracy()));
                seconds += member.trainingSeconds();
            }
            ModelMetadata metadata = new ModelMetadata(ModelFolder.FORMAT_VERSION, saved.fileName(), saved.sha256(),
                    Architecture.parameterCount(block), Architecture.ENSEMBLE.id(), arguments,
                    runtime.name().djlName(), runtime.version(), runtime.device().toString(), null,
                    data.checksums(), evaluation.accuracy(), seconds, Instant.now().toString(), provenance);
            folder.commit(metadata, TrainingHistory.empty(), evaluation);
            logger.info("Ensemble saved in {}: test accuracy {} (members: {})", folder.root(),
                    String.format(Locale.ROOT, "%.4f", evaluation.accuracy()), members.stream()
                            .map(m -> String.format(Locale.ROOT, "%.4f", m.testAccuracy())).toList());
            return new TrainingResult(folder, metadata, TrainingHistory.empty(), evaluation);
        }
    }

    /** The members' metadata, once each is known to fit the others (and none is the output, if one is given). */
    static List<ModelMetadata> check(List<Path> folders, Path output) {
        if (folders.size() < 2 || folders.size() > EnsembleBlockFactory.MAX_MEMBERS) {
            throw new IllegalArgumentException("an ensemble needs 2 to " + EnsembleBlockFactory.MAX_MEMBERS
                    + " model folders, got " + folders.size());
        }
        List<ModelMetadata> members = new ArrayList<>();
        Set<String> weights = new HashSet<>();
        for (Path path : folders) {
            if (!Files.isDirectory(path)) {
                throw new ModelFolderException("model folder " + path + " does not exist.");
            }
            if (output != null && sameFile(path, output)) {
                throw new IllegalArgumentException("the output folder " + output + " is also a member; write the"
                        + " ensemble into a folder of its own");
            }
            ModelMetadata metadata = new ModelFolder(path).readMetadata();
            Architecture architecture = Architecture.parse(metadata.architecture());
            if (!architecture.trainable()) {
                throw new IllegalArgumentException(path + " holds an ensemble; combine the trained folders it was made"
                        + " of instead");
            }
            if (!metadata.architectureArguments().equals(architecture.defaultArguments())) {
                throw new IllegalArgumentException(path + " holds a " + architecture.id() + " built with the arguments "
                        + metadata.architectureArguments() + ", but an ensemble's members are built as digits trains"
                        + " them: " + architecture.defaultArguments());
            }
            ModelMetadata first = members.isEmpty() ? metadata : members.get(0);
            if (!metadata.architecture().equals(first.architecture())) {
                throw new IllegalArgumentException("the members' architectures differ: " + folders.get(0) + " holds "
                        + first.architecture() + ", " + path + " holds " + metadata.architecture()
                        + "; an ensemble's members share one architecture (and its 1x28x28 input)");
            }
            if (!weights.add(metadata.paramsSha256())) {
                throw new IllegalArgumentException(path + " holds the same model as another member (parameters "
                        + metadata.paramsSha256().substring(0, 8) + "); each member must be trained on its own");
            }
            members.add(metadata);
        }
        return members;
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Loads a member with DJL's Criteria, as any reader would, and moves its weights into its slot. */
    private void copyWeights(Path memberFolder, Block slot, NDManager manager) throws IOException {
        ModelFolder folder = new ModelFolder(memberFolder);
        Criteria<float[], Classifications> criteria = ModelFolderCriteria.builder(float[].class, folder,
                        folder.readServingProperties())
                .optEngine(runtime.name().djlName())
                .optDevice(runtime.device())
                .build();
        try (ZooModel<float[], Classifications> member = criteria.loadModel()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                member.getBlock().saveParameters(out);
            }
            // The slot is built from the same factory and arguments: the same parameters, in order.
            slot.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new ModelFolderException("cannot load the model in " + memberFolder + ": "
                    + EngineRuntime.rootMessage(e), e);
        }
    }
}
