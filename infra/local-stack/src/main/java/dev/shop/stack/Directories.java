package dev.shop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The few folder operations the stack needs: servers' data and logs are plain folders under one root. */
public final class Directories {

    private Directories() {
    }

    /** Deletes a folder and everything in it; a missing folder is fine. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Deletes what a folder holds and leaves it empty. */
    public static void empty(Path dir) {
        try {
            delete(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    public static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot copy " + from + " to " + to, e);
        }
    }
}
