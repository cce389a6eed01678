package dev.digits.app.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files that command-line arguments name: files as they are, folders searched
 * recursively for images, and globs ({@code 'scans/**.png'}) that the shell did not expand.
 * An argument that names nothing is kept, to be reported as a row with its error.
 */
public final class ImageFiles {

    /** File name endings of the images a folder or glob contributes. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private ImageFiles() {}

    /** The files, in the order of the arguments; each folder's and glob's in path order. */
    public static List<Path> expand(List<String> arguments) {
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            Path path = Path.of(argument);
            if (isGlob(argument)) {
                files.addAll(matching(argument));
            } else if (Files.isDirectory(path)) {
                files.addAll(imagesIn(path, file -> true));
            } else {
                // A file, or a missing one that becomes a row with its error.
                files.add(path);
            }
        }
        return files;
    }

    private static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The files a glob matches, searched from the folders before its first wildcard. */
    private static List<Path> matching(String glob) {
        Path pattern = Path.of(glob);
        Path base = pattern.isAbsolute() ? pattern.getRoot() : Path.of("");
        for (Path part : pattern) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.normalize());
        if (!Files.isDirectory(base)) {
            return List.of(Path.of(glob));
        }
        List<Path> found = imagesIn(base, matcher::matches);
        // A glob that matches nothing is reported like a missing file.
        return found.isEmpty() ? List.of(Path.of(glob)) : found;
    }

    private static List<Path> imagesIn(Path folder, java.util.function.Predicate<Path> wanted) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> EXTENSIONS.contains(extension(file)))
                    .filter(file -> wanted.test(file.normalize()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
