package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a start records the AOT cache, uses it, or leaves it alone (decided from the files on disk). */
@Tag("fast")
class AotCacheTest {

    static final String AOT_MAIN = "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint";
    static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anApplicationPackagedAsFastJarGetsNoCache() throws IOException {
        AotCache aot = new AotCache(jar("io.quarkus.bootstrap.runner.QuarkusEntryPoint"), dir.resolve("aot"), "app", true);

        assertEquals(AotCache.Mode.OFF, aot.prepare(List.of()));
    }

    @Test
    void theFirstStartAfterABuildRecords() throws IOException {
        AotCache aot = new AotCache(jar(AOT_MAIN), dir.resolve("aot"), "app", true);

        AotCache.Mode mode = aot.prepare(List.of());

        assertEquals(AotCache.Mode.RECORD, mode);
        assertEquals(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + dir.resolve("aot/app.aotconf")),
                aot.options(mode));
    }

    @Test
    void aCacheWrittenAfterTheBuildIsUsed() throws IOException {
        AotCache aot = new AotCache(jar(AOT_MAIN), dir.resolve("aot"), "app", true);
        write(dir.resolve("aot/app.aot"), BUILT.plusSeconds(60));

        AotCache.Mode mode = aot.prepare(List.of());

        assertEquals(AotCache.Mode.USE, mode);
        assertEquals(List.of("-XX:AOTCache=" + dir.resolve("aot/app.aot")), aot.options(mode));
    }

    @Test
    void aCacheOfAnOlderBuildIsDroppedAndTheRunRecordsAgain() throws IOException {
        AotCache aot = new AotCache(jar(AOT_MAIN), dir.resolve("aot"), "app", true);
        write(dir.resolve("aot/app.aot"), BUILT.minusSeconds(60));

        assertEquals(AotCache.Mode.RECORD, aot.prepare(List.of()));
        assertFalse(Files.exists(dir.resolve("aot/app.aot")));
    }

    @Test
    void aRecordingThatCannotBeAssembledIsDroppedAndTheRunRecordsAgain() throws IOException {
        AotCache aot = new AotCache(jar(AOT_MAIN), dir.resolve("aot"), "app", true); // the jar has no classes
        write(dir.resolve("aot/app.aotconf"), BUILT.plusSeconds(60));

        assertEquals(AotCache.Mode.RECORD, aot.prepare(List.of()));
        assertFalse(Files.exists(dir.resolve("aot/app.aot")));
    }

    @Test
    void switchedOffThereIsNoCache() throws IOException {
        AotCache aot = new AotCache(jar(AOT_MAIN), dir.resolve("aot"), "app", false);
        write(dir.resolve("aot/app.aot"), BUILT.plusSeconds(60));

        assertEquals(AotCache.Mode.OFF, aot.prepare(List.of()));
    }

    @Test
    void aRecordingRunGetsAMinuteToStopAnyOtherRunTheUsualGrace() throws IOException {
        Duration usual = Duration.ofSeconds(20);
        AotCache recording = new AotCache(jar(AOT_MAIN), dir.resolve("aot"), "app", true);
        AotCache off = new AotCache(jar(AOT_MAIN), dir.resolve("aot"), "app", false);
        assertEquals(Duration.ofSeconds(60), recording.stopGrace(usual));
        assertEquals(usual, off.stopGrace(usual));

        write(dir.resolve("aot/app.aot"), BUILT.plusSeconds(60));
        assertEquals(usual, recording.stopGrace(usual));
    }

    private Path jar(String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Path jar = dir.resolve("quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest is all the cache looks at
        }
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
        return jar;
    }

    private static void write(Path file, Instant at) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(at));
    }
}
