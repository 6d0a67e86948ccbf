package dev.shop.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows a log file as {@code tail -F} does: its last lines, then each line appended. A component's restart moves
 * its log to {@code <name>.log.1} and starts a new one: the follower notices the new file and reads it from the start.
 */
final class LogFollower {

    /** Enough for the last lines even of JSON logs with stack traces; older lines are not read at all. */
    private static final int TAIL_BYTES = 256 * 1024;

    private final Path file;
    private final Duration poll;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private Object fileKey;
    private long position;

    LogFollower(Path file, Duration poll) {
        this.file = file;
        this.poll = poll;
    }

    /** Gives {@code lastLines} lines, then every new one, until {@code keepGoing} says no (checked between polls). */
    void follow(int lastLines, Consumer<String> lines, BooleanSupplier keepGoing) throws IOException {
        tail(lastLines).forEach(lines);
        while (keepGoing.getAsBoolean()) {
            if (!readNew(lines)) {
                try {
                    Thread.sleep(poll);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Deque<String> tail(int lastLines) throws IOException {
        Deque<String> last = new ArrayDeque<>();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            fileKey = attributes.fileKey();
            position = Math.max(0, attributes.size() - TAIL_BYTES);
            boolean skipFirst = position > 0; // starts mid-line
            readNew(line -> last.addLast(line));
            if (skipFirst && !last.isEmpty()) {
                last.removeFirst();
            }
        } catch (NoSuchFileException notYet) {
            position = 0;
        }
        while (last.size() > lastLines) {
            last.removeFirst();
        }
        return last;
    }

    /** Reads what was appended (or the new file after a rotation); false when there was nothing. */
    private boolean readNew(Consumer<String> lines) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException betweenRotationAndNewFile) {
            return false;
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < position) {
            fileKey = attributes.fileKey();
            position = 0;
            partialLine.reset();
        }
        if (attributes.size() == position) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            channel.position(position);
            int read;
            while ((read = channel.read(buffer)) > 0) {
                position += read;
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte next = buffer.get();
                    if (next == '\n') {
                        lines.accept(partialLine.toString(StandardCharsets.UTF_8).stripTrailing());
                        partialLine.reset();
                    } else {
                        partialLine.write(next);
                    }
                }
                buffer.clear();
            }
        } catch (NoSuchFileException rotatedMeanwhile) {
            return false;
        }
        return true;
    }
}
