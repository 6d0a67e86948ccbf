package dev.shop.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trace UI of the local stack: Zipkin's server jar from Maven Central ({@code io.zipkin:zipkin-server}, exec),
 * keeping spans in memory. It takes Zipkin's span format, so services export with OpenTelemetry's Zipkin exporter.
 */
public final class ZipkinServer {

    public static final String VERSION = "3.6.1";

    private ZipkinServer() {
    }

    public static ManagedProcess start(MavenArtifacts artifacts, String javaCommand, Path workDir, Path logFile,
            int port) {
        Path jar = artifacts.resolve("io.zipkin", "zipkin-server", VERSION, "exec", "jar");
        List<String> command = List.of(javaCommand, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--STORAGE_TYPE=mem",
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + port);
        return ManagedProcess.start("zipkin", command, workDir, Map.of(), logFile);
    }

    public static String readinessUrl(int port) {
        return "http://127.0.0.1:" + port + "/health";
    }
}
