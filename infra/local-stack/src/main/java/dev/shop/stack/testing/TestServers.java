package dev.shop.stack.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.shop.stack.Directories;
import dev.shop.stack.KafkaServer;
import dev.shop.stack.KeycloakServer;
import dev.shop.stack.MavenArtifacts;
import dev.shop.stack.ManagedProcess;
import dev.shop.stack.Ports;
import dev.shop.stack.PostgresServer;
import dev.shop.stack.Readiness;
import dev.shop.stack.RedisServer;
import dev.shop.stack.StackException;
import dev.shop.stack.Topics;

/**
 * Real PostgreSQL, Kafka and Redis for integration tests, started once per test JVM (one module's test run)
 * on free ports, so tests never collide with a running local stack. Their files live in
 * {@code SHOP_TEST_WORK_DIR} (the module's target/test-infra) and are wiped at each start;
 * unpacked binaries are cached in {@code ~/.cache/shop-dev} to keep starts fast.
 * <p>
 * Unlike the PostgreSQL of `./shop up`, this one is not durable (fsync and synchronous_commit off,
 * {@link PostgresServer.Durability#NOT_DURABLE}): its files are deleted at the next start anyway, and tests commit
 * many small transactions.
 */
public final class TestServers {

    private static TestServers instance;

    private final Path workDir;
    private final Path cacheDir;
    private final PostgresServer postgres;
    private final ManagedProcess kafka;
    private final int kafkaPort;
    private final int redisPort;
    private volatile ManagedProcess redis;
    private ManagedProcess keycloak;
    private String keycloakUrl;

    private TestServers(Path workDir, Path cacheDir) {
        this.workDir = workDir;
        this.cacheDir = cacheDir;
        Directories.empty(workDir);
        this.kafkaPort = Ports.freePort();
        this.redisPort = Ports.freePort();
        int controllerPort = Ports.freePort();

        CompletableFuture<ManagedProcess> kafkaStart = CompletableFuture.supplyAsync(() -> {
            ManagedProcess process = KafkaServer.start(javaCommand(), workDir.resolve("kafka"),
                    workDir.resolve("logs/kafka.log"), kafkaPort, controllerPort, "384m", Topics.ALL);
            KafkaServer.awaitReady(process, workDir.resolve("kafka"), Duration.ofSeconds(120));
            return process;
        });
        this.redis = startRedis();
        this.postgres = PostgresServer.start(workDir.resolve("postgres"), cacheDir.resolve("postgres-binaries"),
                workDir.resolve("logs/postgres.log"), Ports.freePort(), PostgresServer.Durability.NOT_DURABLE);
        this.kafka = kafkaStart.join();
    }

    /** The servers of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestServers get() {
        if (instance == null) {
            Path workDir = Path.of(System.getenv().getOrDefault("SHOP_TEST_WORK_DIR", "target/test-infra"))
                    .toAbsolutePath();
            Path cacheDir = Path.of(System.getenv().getOrDefault("SHOP_TEST_CACHE_DIR",
                    Path.of(System.getProperty("user.home"), ".cache", "shop-dev").toString()));
            long begin = System.nanoTime();
            instance = new TestServers(workDir, cacheDir);
            System.out.printf("[test-infra] PostgreSQL :%d, Kafka :%d, Redis :%d ready in %d ms (files in %s)%n",
                    instance.postgres.port(), instance.kafkaPort, instance.redisPort,
                    (System.nanoTime() - begin) / 1_000_000, workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopAll, "test-infra-shutdown"));
        }
        return instance;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public int redisPort() {
        return redisPort;
    }

    /**
     * The issuer of the {@code shop} realm of a real Keycloak, started on first use (about 20 to 60 s) with the
     * realm of {@code infra/keycloak/shop-realm.json} imported into a database of this test run.
     */
    public synchronized String keycloakIssuer() {
        if (keycloak == null) {
            long begin = System.nanoTime();
            Path home = KeycloakServer.install(MavenArtifacts.fromEnvironment(), cacheDir.resolve("keycloak"));
            Path database = workDir.resolve("keycloak");
            Directories.copy(importedRealmDatabase(home), database);
            keycloak = startKeycloak(home, database);
            System.out.printf("[test-infra] Keycloak %s ready in %d ms%n", keycloakUrl,
                    (System.nanoTime() - begin) / 1_000_000);
        }
        return keycloakUrl + "/realms/shop";
    }

    /**
     * Importing the realm (1003 users) is the slow part of a Keycloak start, so it happens once per realm file:
     * a Keycloak imports it into a database under the cache, is stopped, and every test run starts from a copy.
     */
    private Path importedRealmDatabase(Path home) {
        Path cached = cacheDir.resolve("keycloak-db").resolve(sha256(realmFile()));
        if (java.nio.file.Files.isDirectory(cached)) {
            return cached;
        }
        Path staging = cacheDir.resolve("keycloak-db").resolve("importing-" + ProcessHandle.current().pid());
        ManagedProcess importer = startKeycloak(home, staging);
        importer.stop(Duration.ofSeconds(30));
        try {
            java.nio.file.Files.move(staging, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raceLostOrFailed) {
            if (!java.nio.file.Files.isDirectory(cached)) {
                throw new StackException("cannot keep the imported realm in " + cached, raceLostOrFailed);
            }
        }
        return cached;
    }

    private ManagedProcess startKeycloak(Path home, Path databaseDir) {
        int port = Ports.freePort();
        int managementPort = Ports.freePort();
        keycloakUrl = "http://localhost:" + port;
        ManagedProcess process = KeycloakServer.start(home, realmFile(), workDir.resolve("logs/keycloak.log"),
                Path.of(System.getProperty("java.home")), keycloakUrl, port, managementPort,
                java.util.List.of("--db-url=jdbc:h2:file:" + databaseDir.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE"));
        KeycloakServer.awaitReady(process, port, managementPort, Duration.ofSeconds(300));
        return process;
    }

    private static String sha256(Path file) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new StackException("cannot read " + file, e);
        }
    }


    /** Stops Redis, for tests of how a service behaves without its cache. */
    public synchronized void stopRedis() {
        redis.stop(Duration.ofSeconds(5));
    }

    /** Starts Redis again on the same port, empty. */
    public synchronized void startRedisAgain() {
        if (!redis.isAlive()) {
            redis = startRedis();
        }
    }

    private ManagedProcess startRedis() {
        ManagedProcess process = RedisServer.start(workDir.resolve("redis"), cacheDir.resolve("redis-binaries"),
                workDir.resolve("logs/redis.log"), redisPort, false);
        Readiness.awaitPort(process, redisPort, Duration.ofSeconds(20));
        return process;
    }

    private void stopAll() {
        if (keycloak != null) {
            keycloak.stop(Duration.ofSeconds(10));
        }
        kafka.stop(Duration.ofSeconds(10));
        redis.stop(Duration.ofSeconds(5));
        postgres.close();
    }

    /** The realm file of this repository: the nearest infra/keycloak/shop-realm.json above the working directory. */
    private static Path realmFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra/keycloak/shop-realm.json");
            if (java.nio.file.Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new StackException("infra/keycloak/shop-realm.json not found above " + Path.of("").toAbsolutePath());
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
