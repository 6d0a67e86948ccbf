package dev.shop.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trace UI of the local stack: Zipkin's server jar from Maven Central ({@code io.zipkin:zipkin-server}, exec),
 * keeping spans in memory. It takes Zipkin's span format, so services export with OpenTelemetry's Zipkin exporter.
 * <p>
 * The memory store keeps at most {@link #MAX_SPANS} spans and drops the oldest traces beyond that. Zipkin's own
 * default (500,000) does not fit in this heap: after a few load runs (about 95 spans per order) the server spent
 * its time in full garbage collections, a whole core of the two, and answered "Java heap space".
 */
public final class ZipkinServer {

    public static final String VERSION = "3.6.1";
    /** About 1,000 orders' worth of traces; a span with its tags takes 1 to 2 KB in the store. */
    static final int MAX_SPANS = 100_000;
    static final String HEAP = "-Xmx512m";

    private ZipkinServer() {
    }

    public static ManagedProcess start(MavenArtifacts artifacts, String javaCommand, Path workDir, Path logFile,
            int port) {
        Path jar = artifacts.resolve("io.zipkin", "zipkin-server", VERSION, "exec", "jar");
        return ManagedProcess.start("zipkin", command(javaCommand, jar, port), workDir, Map.of(), logFile);
    }

    static List<String> command(String javaCommand, Path jar, int port) {
        return List.of(javaCommand, "-Xms64m", HEAP, "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--STORAGE_TYPE=mem",
                "--MEM_MAX_SPANS=" + MAX_SPANS,
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + port);
    }

    public static String readinessUrl(int port) {
        return "http://127.0.0.1:" + port + "/health";
    }
}
