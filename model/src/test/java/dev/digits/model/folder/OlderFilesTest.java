package dev.digits.model.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digits.model.history.EpochRecord;
import dev.digits.model.history.ValidationSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What older models' files lack is given its meaning as they are read, once, and written back in full. */
class OlderFilesTest {

    @TempDir
    Path dir;

    @Test
    void hyperparametersWithoutAugmentationScheduleOrRecipeReadAsTheSeedsWere() throws IOException {
        Path file = Files.writeString(dir.resolve("hyperparameters.json"), """
                {"epochs": 12, "batchSize": 128, "learningRate": 0.001, "beta1": 0.9, "beta2": 0.999,
                 "epsilon": 1e-7, "seed": 42, "trainImages": 60000, "testImages": 10000, "validationImages": 0}""");
        Hyperparameters read = JsonFiles.read(file, Hyperparameters.class);
        assertThat(read.augmentation()).isEqualTo("none");
        assertThat(read.learningRateSchedule()).isEqualTo("constant");
        assertThat(read.recipe()).isEqualTo("seed");
        JsonFiles.write(dir.resolve("again.json"), read);
        assertThat(Files.readString(dir.resolve("again.json"))).contains("\"augmentation\" : \"none\"",
                "\"recipe\" : \"seed\"");
    }

    @Test
    void anEpochWithoutItsValidationSetValidatedOnTheTestImages() throws IOException {
        Path file = Files.writeString(dir.resolve("epoch.json"), """
                {"epoch": 1, "trainLoss": 0.2, "trainAccuracy": 0.9, "validationLoss": 0.1,
                 "validationAccuracy": 0.97, "seconds": 30, "imagesPerSecond": 2000}""");
        assertThat(JsonFiles.read(file, EpochRecord.class).validationSet()).isEqualTo(ValidationSet.TEST);
        Path heldOut = Files.writeString(dir.resolve("held-out.json"), """
                {"epoch": 1, "trainLoss": 0.2, "trainAccuracy": 0.9, "validationLoss": 0.1,
                 "validationAccuracy": 0.97, "seconds": 30, "imagesPerSecond": 2000, "validationSet": "held-out"}""");
        assertThat(JsonFiles.read(heldOut, EpochRecord.class).validationSet()).isEqualTo(ValidationSet.HELD_OUT);
        Path unknown = Files.writeString(dir.resolve("unknown.json"), """
                {"epoch": 1, "trainLoss": 0.2, "trainAccuracy": 0.9, "validationLoss": 0.1,
                 "validationAccuracy": 0.97, "seconds": 30, "imagesPerSecond": 2000, "validationSet": "train"}""");
        assertThatThrownBy(() -> JsonFiles.read(unknown, EpochRecord.class)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining(unknown.toString());
    }
}
