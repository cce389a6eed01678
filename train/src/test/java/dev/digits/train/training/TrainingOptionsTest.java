package dev.digits.train.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.model.nn.Architecture;
import dev.digits.train.augment.Augmentation;
import dev.digits.train.data.MnistFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

    private static final Path OUT = Path.of("models", "test");

    @Test
    void aRecipesOptionsAreItsValuesUntilOneIsSet() {
        TrainingOptions augmented = TrainingOptions.builder(Recipe.AUGMENTED, OUT).build();
        assertThat(augmented.architecture()).isNull();
        assertThat(augmented.architectureOrDefault()).isEqualTo(Architecture.STRIDED_CNN);
        assertThat(augmented.epochs()).isEqualTo(Recipe.AUGMENTED.epochs());
        assertThat(augmented.batchSize()).isEqualTo(Recipe.AUGMENTED.batchSize());
        assertThat(augmented.learningRate()).isEqualTo(Recipe.AUGMENTED.learningRate());
        assertThat(augmented.validationImages()).isEqualTo(Recipe.AUGMENTED.validationImages());
        assertThat(augmented.augmentation()).isEqualTo(Recipe.AUGMENTED.augmentation());
        assertThat(augmented.schedule()).isEqualTo(Recipe.AUGMENTED.schedule());
        assertThat(augmented.seed()).isEqualTo(TrainingOptions.DEFAULT_SEED);
        assertThat(augmented.trainLimit()).isEqualTo(MnistFiles.TRAIN_IMAGES);
        assertThat(augmented.testLimit()).isEqualTo(MnistFiles.TEST_IMAGES);
        assertThat(augmented.charts()).isTrue();
        assertThat(augmented.resume()).isFalse();

        TrainingOptions changed = TrainingOptions.builder(Recipe.SEED, OUT).epochs(3).augmentation(Augmentation.STANDARD)
                .seed(7).build();
        assertThat(changed.epochs()).isEqualTo(3);
        assertThat(changed.augmentation()).isEqualTo(Augmentation.STANDARD);
        assertThat(changed.seed()).isEqualTo(7);
        assertThat(changed.batchSize()).isEqualTo(Recipe.SEED.batchSize());
    }

    @Test
    void aValueOutOfRangeIsNamedWhenBuilt() {
        assertThatThrownBy(() -> TrainingOptions.builder(Recipe.SEED, OUT).epochs(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("epochs must be at least 1, got 0");
        assertThatThrownBy(() -> TrainingOptions.builder(Recipe.SEED, OUT).trainLimit(100).validationImages(100).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer than the 100 training images");
    }
}
