package dev.shop.orders;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.shop.stack.ManagedProcess;
import dev.shop.stack.Ports;
import dev.shop.stack.Readiness;
import dev.shop.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The rest of the saga for order-service's tests: the real psp-simulator, inventory-service and payment-service,
 * started once per test JVM as processes from their built jars, on free ports, against the same real PostgreSQL,
 * Kafka and Keycloak as the order-service under test. Points {@code shop.inventory.url} at that inventory-service.
 */
public class SagaServices implements QuarkusTestResourceLifecycleManager {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path WORK = Path.of(System.getenv().getOrDefault("SHOP_TEST_WORK_DIR", "target/test-infra"))
            .toAbsolutePath();

    static ManagedProcess psp;
    static ManagedProcess inventory;
    static ManagedProcess payment;
    static int pspPort;
    static int inventoryPort;
    static int paymentPort;

    @Override
    public synchronized Map<String, String> start() {
        if (inventory == null) {
            TestServers servers = TestServers.get();
            servers.postgres().ensureDatabase("inventory", "inventory", "inventory");
            servers.postgres().ensureDatabase("payments", "payments", "payments");
            servers.keycloakIssuer();
            pspPort = Ports.freePort();
            inventoryPort = Ports.freePort();
            paymentPort = Ports.freePort();
            psp = startPsp();
            inventory = startInventory(Map.of());
            payment = startService("payment-service", "payment-service", paymentPort, "payments",
                    Map.of("SHOP_PSP_URL", pspUrl()));
            Readiness.awaitHttpOk(psp, pspUrl() + "/q/health/ready", Duration.ofSeconds(90));
            Readiness.awaitHttpOk(payment, paymentUrl() + "/q/health/ready", Duration.ofSeconds(90));
        }
        return Map.of("shop.inventory.url", inventoryUrl());
    }

    @Override
    public void stop() {
        // The processes live as long as the test JVM (see the shutdown hook): every test class shares them.
    }

    static String pspUrl() {
        return "http://127.0.0.1:" + pspPort;
    }

    static String inventoryUrl() {
        return "http://127.0.0.1:" + inventoryPort;
    }

    static String paymentUrl() {
        return "http://127.0.0.1:" + paymentPort;
    }

    /** Starts inventory-service (again) on its port; {@code extraEnv} e.g. switches its outbox relay off. */
    static synchronized ManagedProcess startInventory(Map<String, String> extraEnv) {
        inventoryEnv = Map.copyOf(extraEnv);
        inventory = startService("inventory-service", "inventory-service", inventoryPort, "inventory", extraEnv);
        Readiness.awaitHttpOk(inventory, inventoryUrl() + "/q/health/ready", Duration.ofSeconds(90));
        return inventory;
    }

    private static Map<String, String> inventoryEnv = Map.of();

    static boolean inventoryRunsNormally() {
        return inventory.isAlive() && inventoryEnv.isEmpty();
    }

    /** SIGTERM: its Kafka consumer leaves the group, so the next instance gets the partitions at once. */
    static synchronized void stopInventory() {
        inventory.stop(Duration.ofSeconds(20));
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    static synchronized void killInventory() {
        inventory.handle().destroyForcibly();
        inventory.handle().onExit().join();
    }

    private static ManagedProcess startPsp() {
        Map<String, String> env = new HashMap<>();
        env.put("PSP_PORT", String.valueOf(pspPort));
        env.put("PSP_DATA_DIR", WORK.resolve("psp-data").toString());
        ManagedProcess process = ManagedProcess.start("psp-simulator", command(REPO.resolve("infra/psp-simulator")),
                WORK.resolve("psp"), env, WORK.resolve("logs/psp-simulator.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
        return process;
    }

    private static ManagedProcess startService(String name, String module, int port, String database,
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
        ManagedProcess process = ManagedProcess.start(name, command(REPO.resolve(module)), WORK.resolve(name), env,
                WORK.resolve("logs/" + name + ".log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
        return process;
    }

    private static List<String> command(Path moduleDir) {
        Path jar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " missing: build the module first (./mvnw -pl order-service -am install)");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
    }
}
