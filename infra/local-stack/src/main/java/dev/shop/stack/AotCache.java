package dev.shop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The JDK's AOT cache for one of our applications (JDK 25+, docs/adr/0018-aot-cache-on-jdk-25.md): the classes it
 * loaded and linked, and the method profiles of what ran, recorded during one run and used by the next, so that a
 * start takes seconds instead of tens of seconds and the JIT compiles the hot paths from the first minute.
 * <ol>
 * <li>no cache for the current build: the run records ({@code -XX:AOTMode=record}); the JVM writes the recording
 *     ({@code <name>.aotconf}) when it stops;</li>
 * <li>the next start assembles the cache from that recording once (about 20 s), then runs with it;</li>
 * <li>every later start runs with it ({@code -XX:AOTCache}), until the application is built again.</li>
 * </ol>
 * The recording holds what the run did: a run that served load (a load test) gives the JIT profiles of the hot
 * paths; a run that only started gives faster starts. Only on JDK 25+ and for applications packaged as
 * {@code aot-jar} (the root pom does so on JDK 25+); {@code SHOP_AOT=off} switches it off.
 */
public final class AotCache {

    /** What the JVM of an application is asked to do with the cache on this start. */
    public enum Mode {
        OFF, RECORD, USE
    }

    private static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(60);
    private static final String AOT_ENTRY_POINT = "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint";

    private final String name;
    private final Path jar;
    private final Path cache;
    private final Path recording;
    private final boolean enabled;

    AotCache(Path jar, Path dir, String name, boolean enabled) {
        this.name = name;
        this.jar = jar;
        this.cache = dir.resolve(name + ".aot");
        this.recording = dir.resolve(name + ".aotconf");
        this.enabled = enabled;
    }

    static AotCache of(QuarkusApp app, StackSettings settings) {
        boolean enabled = Runtime.version().feature() >= 25
                && !"off".equalsIgnoreCase(System.getenv().getOrDefault("SHOP_AOT", "on"));
        return new AotCache(app.runnerJar(settings.repoDir()), settings.dataDir().resolve("aot"), app.name(),
                enabled);
    }

    /** Decides this start's mode from what is on disk; assembles a pending recording first (may take 20 s). */
    public Mode prepare(List<String> jvmOptions) {
        if (!enabled || !isAotJar()) {
            return Mode.OFF;
        }
        if (isFresh(recording) && !isFresh(cache)) {
            assemble(jvmOptions);
        }
        if (isFresh(cache)) {
            return Mode.USE;
        }
        delete(cache);
        delete(recording);
        try {
            Files.createDirectories(recording.getParent());
        } catch (IOException e) {
            return Mode.OFF;
        }
        return Mode.RECORD;
    }

    /**
     * How long a stopping application may take before it is killed: a recording run writes its recording as it
     * stops (20 to 40 s on two cores), so it gets a minute; any other run the usual grace.
     */
    public Duration stopGrace(Duration usual) {
        boolean recording = enabled && isAotJar() && !isFresh(cache);
        return recording && usual.compareTo(RECORDING_STOP_GRACE) < 0 ? RECORDING_STOP_GRACE : usual;
    }

    /** The JVM options of a start in the given mode. */
    public List<String> options(Mode mode) {
        return switch (mode) {
            case OFF -> List.of();
            case RECORD -> List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + recording);
            case USE -> List.of("-XX:AOTCache=" + cache);
        };
    }

    /** Written after the application was built: made from this build. */
    private boolean isFresh(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void assemble(List<String> jvmOptions) {
        Console.step(name, "assembling its AOT cache from the last run's recording (once per build, about 20 s)");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + recording, "-XX:AOTCache=" + cache,
                "-jar", jar.toString()));
        Path log = cache.resolveSibling(cache.getFileName() + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(jar.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS)
                    || process.exitValue() != 0 || !isFresh(cache)) {
                process.destroyForcibly();
                delete(cache); // the next start records again
            }
        } catch (IOException e) {
            delete(cache);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(recording);
        }
    }

    private boolean isAotJar() {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && AOT_ENTRY_POINT.equals(file.getManifest().getMainAttributes().getValue("Main-Class"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is detected by its date again next time
        }
    }
}
