package dev.shop.psp.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Append-only JSON-lines file of every effect the ledger records: one {@link JournalEntry} per line.
 *
 * <p>Writing is split in two steps so many requests can share one fsync (group commit):
 * {@link #append} writes a line and returns its sequence number (callers hold the ledger lock, so
 * the file order is the order the effects were applied in memory); {@link #sync} forces the file to
 * disk up to at least that line, outside the ledger lock. One {@code force} covers every line
 * appended before it, so concurrent callers mostly find their line already durable.
 *
 * <p>Opening replays the file. A last line without its newline is a write torn by a crash: it is
 * cut off (its request was never answered). Any other unreadable line stops the start-up, because
 * skipping it would silently lose money.
 *
 * <p>A failed write or fsync leaves memory and disk in disagreement, so the journal refuses every
 * later write (like PostgreSQL after an fsync failure); restart the simulator to recover.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE_NAME = "journal.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final FileChannel channel;
    private final Object syncLock = new Object();
    private long appended;            // guarded by this
    private volatile long synced;     // highest sequence number known to be on disk
    private volatile IOException failure;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Replays every entry of {@code dir/journal.jsonl} into {@code replay}, then opens it for appending. */
    public static Journal open(Path dir, Consumer<JournalEntry> replay) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            boolean created = !Files.exists(file);
            if (!created) {
                replayInto(file, replay);
            }
            FileChannel channel = FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (created) {
                channel.force(true);
                forceDirectory(dir); // the new file's name must survive a crash too
            }
            return new Journal(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the PSP journal in " + dir, e);
        }
    }

    public Path file() {
        return file;
    }

    /** True once a write or fsync has failed; see the class comment. */
    public boolean failed() {
        return failure != null;
    }

    /** Writes one entry as a line (not yet forced to disk) and returns its sequence number for {@link #sync}. */
    public synchronized long append(JournalEntry entry) {
        throwIfFailed();
        ByteBuffer line = ByteBuffer.wrap((toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("PSP journal write failed", e);
        }
        return ++appended;
    }

    /** Returns once every line up to {@code sequence} is on disk. */
    public void sync(long sequence) {
        if (synced >= sequence) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= sequence) {
                return; // another caller's fsync covered this line while we waited
            }
            throwIfFailed();
            long upTo;
            synchronized (this) {
                upTo = appended; // every line counted here has been fully written
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("PSP journal fsync failed", e);
            }
            synced = upTo;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void throwIfFailed() {
        IOException e = failure;
        if (e != null) {
            throw new UncheckedIOException("PSP journal is unusable after an earlier I/O failure", e);
        }
    }

    private static void replayInto(Path file, Consumer<JournalEntry> replay) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                // Torn tail: cut it off so the next append starts on a fresh line.
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(start);
                    channel.force(true);
                }
                return;
            }
            lineNumber++;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                try {
                    replay.accept(JSON.readValue(line, JournalEntry.class));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(
                            "PSP journal " + file + " is corrupt at line " + lineNumber + ": " + e.getOriginalMessage(), e);
                }
            }
            start = end + 1;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform lets a directory be opened (Windows); the file itself is forced anyway.
        }
    }

    private static String toJson(JournalEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize journal entry " + entry, e);
        }
    }
}
