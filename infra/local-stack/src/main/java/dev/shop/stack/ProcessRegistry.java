package dev.shop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One pid file per running server under {@code <data>/run}. It lets `./shop down` stop a stack started
 * in another terminal, and lets `./shop up` clean up after a run that was killed with kill -9.
 * A pid file also records the process start time so a recycled pid is never mistaken for ours.
 */
public final class ProcessRegistry {

    private final Path runDir;

    public ProcessRegistry(Path runDir) {
        this.runDir = runDir;
    }

    public void register(String name, ProcessHandle process) {
        try {
            Files.createDirectories(runDir);
            long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            Files.writeString(pidFile(name), process.pid() + " " + started + System.lineSeparator());
        } catch (IOException e) {
            throw new StackException("cannot write pid file in " + runDir + ": " + e.getMessage(), e);
        }
    }

    public void unregister(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException ignored) {
            // a stale pid file is harmless: the start time check rejects it
        }
    }

    public Optional<ProcessHandle> find(String name) {
        Path file = pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> sameStart(p, started));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Applications stop first, then the servers they use, PostgreSQL last (its shutdown waits for clients). */
    private static final List<List<String>> SERVER_WAVES = List.of(List.of("keycloak", "kafka", "redis", "zipkin"),
            List.of("postgres"));

    /** Stops every registered process that is still alive, wave by wave; returns those it stopped. */
    public List<String> stopAll(Duration grace) {
        List<String> apps = new ArrayList<>(names());
        SERVER_WAVES.forEach(apps::removeAll);
        List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
        stopInParallel(apps, grace, stopped);
        SERVER_WAVES.forEach(wave -> stopInParallel(wave, grace, stopped));
        return stopped;
    }

    private void stopInParallel(List<String> wave, Duration grace, List<String> stopped) {
        Parallel.runAll(wave.stream().<Runnable>map(name -> () -> {
            find(name).ifPresent(process -> {
                ManagedProcess.stopTree(process, grace);
                stopped.add(name + " (pid " + process.pid() + ")");
            });
            unregister(name);
        }).toList());
    }

    public List<String> names() {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Path pidFile(String name) {
        return runDir.resolve(name + ".pid");
    }

    private static boolean sameStart(ProcessHandle process, long startedMillis) {
        if (startedMillis == 0L) {
            return true;
        }
        return process.info().startInstant()
                .map(s -> Math.abs(s.toEpochMilli() - startedMillis) < 2000)
                .orElse(true);
    }
}
