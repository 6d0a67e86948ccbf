package dev.shop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The applications the running stack was started without (`./shop up --without`), kept beside the pid files so
 * that `./shop status`, `./shop restart` and `./shop stop` in another terminal know them.
 */
public final class LeftOut {

    private final Path file;

    public LeftOut(Path runDir) {
        this.file = runDir.resolve("left-out");
    }

    public void record(List<String> applications) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, applications);
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public List<String> names() {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    public boolean contains(String name) {
        return names().contains(name);
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // read only while a launcher runs, and rewritten by the next ./shop up
        }
    }
}
