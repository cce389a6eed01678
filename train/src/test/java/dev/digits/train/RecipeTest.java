package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.folder.Hyperparameters;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.history.TrainingHistory;
import dev.digits.model.nn.Architecture;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.training.LearningRateSchedule;
import dev.digits.train.training.Recipe;
import org.junit.jupiter.api.Test;

/** The recipes: the seed's stays the reference's, and the augmented one learns more from the same short budget. */
class RecipeTest {

    @Test
    void theSeedRecipeIsTheDefaultAndTheReferences() {
        assertThat(Recipe.DEFAULT).isSameAs(Recipe.SEED);
        assertThat(Recipe.SEED).isEqualTo(new Recipe("seed", Architecture.SEED_CNN, 10, 128,
                0.001, 0, Augmentation.NONE, LearningRateSchedule.CONSTANT));
        assertThat(Recipe.parse(" Augmented ")).isSameAs(Recipe.AUGMENTED);
    }

    /**
     * Budget: 3,500 images, three epochs of 64 (165 steps), both recipes judged on the same 500
     * held-out images. On a shorter one (40 steps of 128) the augmented recipe loses (52% against
     * 93%): batch normalisation's running statistics, which inference uses, have not settled, and the
     * distorted images and the warm-up slow the first steps.
     */
    @Test
    void theAugmentedRecipeBeatsTheSeedsOnAShortBudgetLongEnoughForItsIngredients() throws Exception {
        String[] budget = {"--epochs", "3", "--batch-size", "64", "--train-limit", "4000", "--validation-images", "500",
            "--test-limit", "200"};
        ModelFolder seed = new ModelFolder(TestModels.train("PyTorch", TestModels.freshDir("recipe-seed"),
                with(budget, "--recipe", "seed")));
        ModelFolder augmented = new ModelFolder(TestModels.train("PyTorch", TestModels.freshDir("recipe-augmented"),
                with(budget, "--recipe", "augmented")));

        ModelMetadata metadata = augmented.readMetadata();
        assertThat(metadata.architecture()).isEqualTo(Architecture.SEED_CNN_BN.id());
        assertThat(metadata.parameterCount()).isEqualTo(2_076_554L + 4 * (32 + 64 + 128 + 128));
        Hyperparameters recipe = metadata.hyperparameters();
        assertThat(recipe.recipe()).isEqualTo("augmented");
        assertThat(recipe.augmentation()).isEqualTo(Augmentation.STANDARD.toString());
        assertThat(recipe.learningRateSchedule()).isEqualTo("cosine,warmup=1");
        // Options given beside the recipe override it.
        assertThat(recipe.batchSize()).isEqualTo(64);
        assertThat(recipe.validationImages()).isEqualTo(500);
        assertThat(seed.readMetadata().hyperparameters().recipe()).isEqualTo("seed");

        double seedAccuracy = lastHeldOut(seed.readHistory());
        double augmentedAccuracy = lastHeldOut(augmented.readHistory());
        assertThat(augmentedAccuracy).as("held-out accuracy, augmented recipe against seed recipe (%s)", seedAccuracy)
                .isGreaterThan(seedAccuracy + 0.005);
    }

    private static double lastHeldOut(TrainingHistory history) {
        return history.last().orElseThrow().validationAccuracy();
    }

    private static String[] with(String[] budget, String... more) {
        String[] all = java.util.Arrays.copyOf(budget, budget.length + more.length);
        System.arraycopy(more, 0, all, budget.length, more.length);
        return all;
    }
}
