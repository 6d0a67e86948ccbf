package dev.shop.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server process started by the stack: its output goes to a log file, and stopping it takes its children along. */
public final class ManagedProcess {

    private final String name;
    private final ProcessHandle handle;
    private final Process child;
    private final Path logFile;

    private ManagedProcess(String name, ProcessHandle handle, Process child, Path logFile) {
        this.name = name;
        this.handle = handle;
        this.child = child;
        this.logFile = logFile;
    }

    public static ManagedProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
            Path logFile) {
        try {
            rotate(logFile);
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Files.writeString(logFile, "---- " + java.time.Instant.now() + " starting: " + String.join(" ", command)
                    + System.lineSeparator(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process child = builder.start();
            return new ManagedProcess(name, child.toHandle(), child, logFile);
        } catch (IOException e) {
            throw new StackException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the previous run's log as {@code <name>.log.1}, so a failure report shows only this run. */
    public static void rotate(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.exists(logFile)) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StackException("cannot prepare the log " + logFile + ": " + e.getMessage(), e);
        }
    }

    /** Adopts a process the stack did not start itself (PostgreSQL's postmaster is forked by pg_ctl). */
    public static ManagedProcess adopt(String name, long pid, Path logFile) {
        ProcessHandle handle = ProcessHandle.of(pid)
                .orElseThrow(() -> new StackException(name + " (pid " + pid + ") is not running"));
        return new ManagedProcess(name, handle, null, logFile);
    }

    public String name() {
        return name;
    }

    public ProcessHandle handle() {
        return handle;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** How the process ended, e.g. "exit code 137 (signal 9)"; empty while it runs or for an adopted process. */
    public String exitStatus() {
        if (child == null || child.isAlive()) {
            return "";
        }
        int code = child.exitValue();
        return "exit code " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "");
    }

    /** SIGTERM to the process and its descendants, SIGKILL to whatever is left after the grace period. */
    public void stop(Duration grace) {
        stopTree(handle, grace);
    }

    public static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : tree) {
            long left = deadline - System.nanoTime();
            try {
                process.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                process.destroyForcibly();
            }
        }
    }

    public String tail(int lines) {
        return tail(logFile, lines);
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size())
                    .stream().map(LogLines::readable).toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log at " + file + ")";
        }
    }
}
