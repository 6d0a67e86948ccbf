package dev.shop.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A real Redis server: the binary shipped inside the embedded-redis jar on Maven Central, run as a process. */
public final class RedisServer {

    private RedisServer() {
    }

    public static ManagedProcess start(Path dataDir, Path binariesDir, Path logFile, int port, boolean persistent) {
        Path binary = extractBinary(binariesDir);
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(),
                "--port", String.valueOf(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--daemonize", "no",
                "--dir", dataDir.toString(),
                "--save", ""));
        if (persistent) {
            command.addAll(List.of("--appendonly", "yes"));
        }
        return ManagedProcess.start("redis", command, dataDir, Map.of(), logFile);
    }

    private static Path extractBinary(Path binariesDir) {
        String resource = binaryResourceName();
        Path target = binariesDir.resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StackException("embedded-redis has no binary " + resource + " for this platform");
            }
            Files.createDirectories(binariesDir);
            Path partial = binariesDir.resolve(resource + ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            partial.toFile().setExecutable(true);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new StackException("cannot unpack the Redis binary into " + binariesDir + ": " + e.getMessage(), e);
        }
    }

    private static String binaryResourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        if (os.contains("linux")) {
            return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("mac")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new StackException("no Redis binary for " + os + "/" + arch + "; use infra/docker-compose.yml");
    }
}
