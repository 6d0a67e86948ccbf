package dev.shop.stack.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.shop.stack.ManagedProcess;
import dev.shop.stack.StackException;

/**
 * The shop's own modules as processes, for tests that need a real peer (the psp-simulator, another service):
 * started from their built jars, {@code <module>/target/quarkus-app/quarkus-run.jar}, with their files and logs
 * under {@code SHOP_TEST_WORK_DIR}, and stopped when the test JVM exits. A module whose tests start another
 * module declares a test-scoped {@code pom} dependency on it, so that the reactor builds that jar first.
 */
public final class ShopProcesses {

    private ShopProcesses() {
    }

    /** Where this test run keeps its files ({@code SHOP_TEST_WORK_DIR}, the module's target/test-infra). */
    public static Path workDir() {
        return Path.of(System.getenv().getOrDefault("SHOP_TEST_WORK_DIR", "target/test-infra")).toAbsolutePath();
    }

    /**
     * Starts the jar of {@code module} (a path from the repository root, e.g. {@code infra/psp-simulator}) as
     * process {@code name}, logging to {@code logs/<name>.log} under {@link #workDir()}. Does not wait for it.
     */
    public static ManagedProcess start(String name, String module, Map<String, String> env) {
        ManagedProcess process = ManagedProcess.start(name, command(repositoryRoot().resolve(module)),
                workDir().resolve(name), env, workDir().resolve("logs/" + name + ".log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
        return process;
    }

    /**
     * Starts a service on {@code port} against this test JVM's PostgreSQL (database and role {@code database}),
     * Kafka, Redis and Keycloak; {@code extraEnv} adds to or overrides its environment.
     */
    public static ManagedProcess startService(String name, String module, int port, String database,
            Map<String, String> extraEnv) {
        TestServers servers = TestServers.get();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", servers.postgres().jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database);
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers());
        env.put("QUARKUS_REDIS_HOSTS", servers.redisUrl());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", servers.keycloakIssuer());
        env.putAll(extraEnv);
        return start(name, module, env);
    }

    private static List<String> command(Path moduleDir) {
        Path jar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new StackException(jar + " missing: build it in the same reactor, e.g. "
                    + "./mvnw verify -pl <module under test> -am (its pom has a test-scoped pom dependency on it)");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
    }

    /** The nearest directory above the working directory (a module) that holds the Maven wrapper and infra/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
        }
        throw new StackException("repository root (mvnw, infra/) not found above " + Path.of("").toAbsolutePath());
    }
}
