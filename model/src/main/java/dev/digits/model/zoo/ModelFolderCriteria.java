package dev.digits.model.zoo;

import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ServingProperties;

/**
 * DJL's {@link Criteria} for a digits model folder as digits loads one: the block and translator
 * factories are given as objects and the weights' file by name, all from the checked
 * {@code serving.properties}. DJL then neither looks for factories among the folder's classes
 * and jars (whose static initialisers it would run) nor reads a file the checks did not see: a
 * folder from elsewhere is data, never code.
 */
public final class ModelFolderCriteria {

    private ModelFolderCriteria() {}

    /**
     * @param serving the folder's checked serving.properties ({@link ModelFolder#readServingProperties()})
     * @return the criteria, to which the caller adds engine and device
     */
    public static <I> Criteria.Builder<I, Classifications> builder(Class<I> input, ModelFolder folder,
            ServingProperties serving) {
        return builder(input, folder, serving, new ModelFolderBlockFactory(serving));
    }

    /**
     * The criteria with a block factory of the caller's, made with the same serving.properties; it
     * holds the metadata it checked once the model is loaded ({@link ModelFolderBlockFactory#checkedMetadata()}).
     */
    public static <I> Criteria.Builder<I, Classifications> builder(Class<I> input, ModelFolder folder,
            ServingProperties serving, ModelFolderBlockFactory blockFactory) {
        return Criteria.builder()
                .setTypes(input, Classifications.class)
                .optModelPath(folder.root())
                .optTranslatorFactory(new DigitTranslatorFactory())
                .optArgument("blockFactory", blockFactory)
                .optOption("modelName", serving.modelName())
                .optOption("epoch", Integer.toString(serving.epoch()));
    }
}
