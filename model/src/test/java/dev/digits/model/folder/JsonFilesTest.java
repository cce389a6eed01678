package dev.digits.model.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {

    @TempDir
    Path dir;

    record Settings(int trials, double rate) {}

    @Test
    void aValueWrittenReadsBackAndUnknownFieldsAreSkipped() throws IOException {
        Path file = dir.resolve("settings.json");
        JsonFiles.write(file, Map.of("trials", 8, "rate", 0.5, "addedLater", "x"));
        assertThat(JsonFiles.read(file, Settings.class)).isEqualTo(new Settings(8, 0.5));
    }

    @Test
    void aMissingEmptyOrBrokenFileIsNamedInTheError() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> JsonFiles.read(missing, Settings.class))
                .isInstanceOf(InvalidFileException.class).hasMessage(missing + " is missing.");
        Path empty = Files.writeString(dir.resolve("empty.json"), "null");
        assertThatThrownBy(() -> JsonFiles.read(empty, Settings.class))
                .isInstanceOf(InvalidFileException.class).hasMessageStartingWith(empty + " is empty");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"trials\": ");
        assertThatThrownBy(() -> JsonFiles.read(broken, Settings.class))
                .isInstanceOf(InvalidFileException.class).hasMessageStartingWith(broken + " is not a valid Settings file");
    }

    @Test
    void theFileHashIsSha256AndATreeGoesWhole() throws IOException {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertThat(FileHashes.sha256(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("c.txt"), "c");
        FileTrees.delete(dir.resolve("tree"));
        assertThat(dir.resolve("tree")).doesNotExist();
        FileTrees.delete(dir.resolve("tree"));
    }
}
