package dev.digits.model.folder;

import dev.digits.model.evaluation.Evaluation;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.nn.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** {@code digits upgrade}: brings a model folder of format 1 up to the current format. */
public final class FolderUpgrade {

    private FolderUpgrade() {}

    /**
     * Brings a format 1 folder (metadata.json, no serving.properties) up to date: its model, the
     * seed CNN, is committed again under format 2's names, and the old files are removed. A
     * process killed on the way leaves a format 1 folder that upgrades again, or the new one.
     *
     * @return false if the folder already has the current format
     * @throws ModelFolderException if the folder holds no model or its files are damaged
     */
    public static boolean upgrade(ModelFolder folder) throws IOException {
        if (!folder.isLegacy()) {
            folder.readMetadata();
            return false;
        }
        Path root = folder.root();
        Path legacyFile = root.resolve(ModelFolder.LEGACY_METADATA);
        ModelMetadata legacy = ModelFolder.readJson(legacyFile, ModelMetadata.class);
        if (legacy.formatVersion() != 1 || legacy.paramsFile() == null
                || !ModelFolder.LEGACY_PARAMS_FILE.matcher(legacy.paramsFile()).matches() || legacy.paramsSha256() == null) {
            throw new ModelFolderException(legacyFile + " is not a format 1 digits metadata file (formatVersion "
                    + legacy.formatVersion() + ", paramsFile " + legacy.paramsFile() + ").");
        }
        Path params = root.resolve(legacy.paramsFile());
        if (!Files.isRegularFile(params) || !FileHashes.sha256(params).equals(legacy.paramsSha256())) {
            throw new ModelFolderException(params + " is missing, damaged or was replaced: " + legacyFile
                    + " expects SHA-256 " + legacy.paramsSha256() + ".");
        }
        Matcher legacyName = ModelFolder.LEGACY_PARAMS_FILE.matcher(legacy.paramsFile());
        legacyName.matches();
        int epochs = Integer.parseInt(legacyName.group(2));
        String current = String.format(Locale.ROOT, "%s-%s-%04d.params", ModelFolder.MODEL_NAME,
                ModelFolder.shortSha(legacy.paramsSha256()), epochs);
        if (!current.equals(legacy.paramsFile())) {
            Path copy = Files.createTempFile(root, ".upgrading-", ".params");
            Files.copy(params, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            folder.adopt(copy, epochs);
        }
        Architecture seed = Architecture.SEED_CNN;
        ModelMetadata upgraded = new ModelMetadata(ModelFolder.FORMAT_VERSION, current, legacy.paramsSha256(),
                legacy.parameterCount(), seed.id(), seed.defaultArguments(), legacy.engine(), legacy.engineVersion(),
                legacy.device(), legacy.hyperparameters(), legacy.dataChecksums(), legacy.testAccuracy(),
                legacy.trainingSeconds(), legacy.createdAt(), List.of());
        TrainingHistory history = ModelFolder.readJson(ownOrLegacy(root, folder.historyFile(legacy.paramsSha256()), "history"),
                TrainingHistory.class);
        Evaluation evaluation = ModelFolder.readJson(ownOrLegacy(root, folder.evaluationFile(legacy.paramsSha256()), "evaluation"),
                Evaluation.class);
        if (!legacy.paramsSha256().equals(evaluation.paramsSha256())) {
            throw new ModelFolderException("the folder's evaluation describes other parameters than "
                    + legacy.paramsFile() + "; evaluate the model with an earlier digits, or train it again.");
        }
        folder.commit(upgraded, history, evaluation);
        return true;
    }

    /** A format 1 model's own file, or the one a folder written before files had their model's name holds. */
    private static Path ownOrLegacy(Path root, Path own, String kind) {
        Path legacy = root.resolve(kind + ".json");
        return !Files.exists(own) && Files.exists(legacy) ? legacy : own;
    }
}
