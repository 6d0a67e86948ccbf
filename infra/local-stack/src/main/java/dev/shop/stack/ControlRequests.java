package dev.shop.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * How `./shop restart` and `./shop stop`, each a process of its own, ask the running `./shop up` to act on one
 * component, and learn the outcome: one small file per request and per answer in {@code <data>/run/requests}.
 * The launcher acts on the request itself, because it owns the processes (PostgreSQL's lock on its data directory
 * is held by the launcher's JVM) and its supervisor would otherwise see a stopped component as a crash.
 */
public final class ControlRequests {

    public enum Action {
        /** Stop the component if it runs, start it again, answer once it is ready. */
        RESTART,
        /** Stop the component and keep it stopped until a restart is asked for. */
        STOP
    }

    public record Request(String id, Action action) {
    }

    /** {@code done} is false when the component did not start; {@code detail} says why or how long it took. */
    public record Outcome(String id, boolean done, String detail) {
    }

    private final Path dir;

    public ControlRequests(Path runDir) {
        this.dir = runDir.resolve("requests");
    }

    /** Asks for an action; returns the request's id, which its outcome carries. */
    public String submit(String component, Action action) {
        String id = UUID.randomUUID().toString();
        delete(outcomeFile(component));
        write(requestFile(component), id + " " + action);
        return id;
    }

    /** The answer to the request {@code id}, once the launcher gave it. */
    private Optional<Outcome> outcome(String component, String id) {
        return read(outcomeFile(component)).map(line -> line.split(" ", 3))
                .filter(parts -> parts.length >= 2 && parts[0].equals(id))
                .map(parts -> new Outcome(parts[0], parts[1].equals("done"), parts.length == 3 ? parts[2] : ""));
    }

    /**
     * Waits for the answer to a request.
     *
     * @param launcherAlive whether the launcher that should answer still runs
     * @throws StackException when the launcher stops first, or there is no answer within {@code timeout}
     */
    public Outcome awaitOutcome(String component, String id, Duration timeout, BooleanSupplier launcherAlive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Outcome> outcome = outcome(component, id);
            if (outcome.isPresent()) {
                return outcome.get();
            }
            if (!launcherAlive.getAsBoolean()) {
                throw new StackException("the stack stopped before it answered the request for " + component);
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("no answer about " + component + " after " + timeout.toSeconds()
                        + " s. The stack may still be working on it: see its output and the log of " + component);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + component);
            }
        }
    }

    /** The pending request for a component, removed (renamed first, so a request made meanwhile is not lost). */
    public Optional<Request> take(String component) {
        if (!pending(component)) {
            return Optional.empty();
        }
        Path taken = dir.resolve(component + ".taken");
        try {
            Files.move(requestFile(component), taken, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StackException("cannot take the request " + requestFile(component) + ": " + e.getMessage(), e);
        }
        Optional<Request> request = read(taken).map(line -> line.split(" ", 2))
                .filter(parts -> parts.length == 2)
                .map(parts -> new Request(parts[0], Action.valueOf(parts[1])));
        delete(taken);
        return request;
    }

    public boolean pending(String component) {
        return Files.exists(requestFile(component));
    }

    public void answer(String component, Request request, boolean done, String detail) {
        write(outcomeFile(component), request.id() + " " + (done ? "done" : "failed") + " "
                + detail.replace(System.lineSeparator(), " / "));
    }

    /** Forgets what a previous run left: a new launcher does not act on requests made to the old one. */
    public void clear() {
        try {
            Directories.delete(dir);
        } catch (IOException e) {
            throw new StackException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path requestFile(String component) {
        return dir.resolve(component + ".request");
    }

    private Path outcomeFile(String component) {
        return dir.resolve(component + ".outcome");
    }

    /** Written aside and renamed, so the other process never reads half a line. */
    private void write(Path file, String line) {
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            Files.writeString(partial, line, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StackException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StackException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
