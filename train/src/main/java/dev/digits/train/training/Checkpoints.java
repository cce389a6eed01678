package dev.digits.train.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.digits.model.folder.AtomicFiles;
import dev.digits.model.folder.FileTrees;
import dev.digits.model.folder.JsonFiles;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The state after each finished epoch, in {@code checkpoints/epoch-NNNN/} of the model folder:
 * network weights, optimizer moments and {@code checkpoint.json}. Each is written in a hidden
 * folder that is renamed into place when complete, so a listed checkpoint is always whole.
 */
final class Checkpoints {

    static final String INFO = "checkpoint.json";
    static final String NETWORK = "network.params";
    static final String OPTIMIZER = "optimizer.ndlist";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4})");
    private static final int KEEP = 2;

    private final Path dir;

    Checkpoints(ModelFolder folder) {
        this.dir = folder.checkpointsDir();
    }

    Path dir() {
        return dir;
    }

    void save(Block block, ResumableAdam optimizer, CheckpointInfo info) throws IOException {
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, ".saving-");
        try {
            AtomicFiles.makeReadable(staging);
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(staging.resolve(NETWORK))))) {
                block.saveParameters(out);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staging.resolve(OPTIMIZER)))) {
                optimizer.saveState(block, out);
            }
            JsonFiles.write(staging.resolve(INFO), info);
            Path target = dir.resolve(String.format(Locale.ROOT, "epoch-%04d", info.epoch()));
            FileTrees.delete(target);
            AtomicFiles.move(staging, target);
        } finally {
            FileTrees.delete(staging);
        }
        prune();
    }

    /** The newest complete checkpoint. */
    Optional<Path> latest() throws IOException {
        return list().stream().reduce((first, second) -> second);
    }

    CheckpointInfo readInfo(Path checkpoint) {
        return JsonFiles.read(checkpoint.resolve(INFO), CheckpointInfo.class);
    }

    /** Loads weights into an initialised block and moments into the optimizer. */
    void load(Path checkpoint, Block block, ResumableAdam optimizer, NDManager manager) {
        Path network = checkpoint.resolve(NETWORK);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(network)))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new ModelFolderException("cannot load checkpoint weights " + network + ": " + e.getMessage(), e);
        }
        Path state = checkpoint.resolve(OPTIMIZER);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(state))) {
            optimizer.loadState(block, manager, in);
        } catch (IOException | RuntimeException e) {
            throw new ModelFolderException("cannot load checkpoint optimizer state " + state + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes every checkpoint, for a fresh run: the folders a run writes ({@code epoch-NNNN},
     * and {@code .saving-} ones a killed run left), and nothing else, in case the folder also
     * holds something of the user's.
     */
    void clear() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean others = false;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && (NAME.matcher(name).matches() || name.startsWith(".saving-"))) {
                    FileTrees.delete(entry);
                } else {
                    others = true;
                }
            }
        }
        if (!others) {
            Files.delete(dir);
        }
    }

    private List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(INFO)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - KEEP; i++) {
            FileTrees.delete(all.get(i));
        }
    }
}
