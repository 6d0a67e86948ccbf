package dev.shop.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.shop.stack.ManagedProcess;
import dev.shop.stack.Ports;
import dev.shop.stack.Readiness;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real upstream for the gateway's tests: the psp-simulator application (its built jar, run as its own
 * process on a free port), not a stub of ours. The services behind the gateway are built by other modules
 * and serve {@code /api/v1/...}; the simulator serves {@code /v1/...}, so the route table of the test points
 * each public prefix at the simulator with {@code upstream-prefix=/v1}:
 * {@code GET /api/v1/payments/ledger} is the simulator's {@code GET /v1/ledger}.
 * <p>
 * Each upstream keeps its own name, client and breaker; tests use different upstreams for different
 * stories (orders: breaker, users: timeout) so that one story's failures do not open another's breaker.
 * Limits are small here so that tests can reach them; each test uses its own user, hence its own bucket.
 */
public class PspSimulatorUpstream implements QuarkusTestResourceLifecycleManager {

    public static final int BREAKER_VOLUME = 4;
    public static final Duration BREAKER_DELAY = Duration.ofSeconds(2);
    public static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Small, so that a test can fill an upstream's connection pool. */
    public static final int POOL_SIZE = 4;
    public static final int USER_BURST = 10;
    public static final double USER_RATE = 5;

    private static int port;
    private static ManagedProcess process;
    private static Path dataDir;

    @Override
    public Map<String, String> start() {
        port = Ports.freePort();
        dataDir = Path.of("target/psp-gateway-test", UUID.randomUUID().toString()).toAbsolutePath();
        startProcess();
        Map<String, String> config = new HashMap<>();
        for (String upstream : List.of("users", "orders", "payments", "products")) {
            config.put("shop.upstream." + upstream + ".url", baseUrl());
            config.put("shop.upstream." + upstream + ".upstream-prefix", "/v1");
        }
        config.put("shop.resilience.timeout", TIMEOUT.toMillis() + "ms");
        config.put("shop.upstream-client.max-pool-size", Integer.toString(POOL_SIZE));
        config.put("shop.resilience.breaker.request-volume-threshold", Integer.toString(BREAKER_VOLUME));
        config.put("shop.resilience.breaker.failure-ratio", "0.5");
        config.put("shop.resilience.breaker.delay", BREAKER_DELAY.toMillis() + "ms");
        config.put("shop.rate-limit.authenticated.rate-per-second", Double.toString(USER_RATE));
        config.put("shop.rate-limit.authenticated.burst", Integer.toString(USER_BURST));
        config.put("shop.rate-limit.anonymous.rate-per-second", "5");
        config.put("shop.rate-limit.anonymous.burst", "10");
        // The test JVM is cold and shares two cores with up to 64 client threads: 100 ms is not a fair wait for
        // Redis here, and the burst test is about the connection pool's capacity, not about Redis' latency.
        config.put("shop.rate-limit.redis-timeout", "1s");
        config.put("shop.http.max-body-size", "64K");
        config.put("quarkus.http.limits.max-body-size", "64K");
        return config;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(5));
        }
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Kills the simulator, as an outage would. */
    public static synchronized void kill() {
        process.stop(Duration.ofSeconds(5));
    }

    /** Starts it again on the same port, with the same books. */
    public static synchronized void startAgain() {
        if (!process.isAlive()) {
            startProcess();
        }
    }

    private static void startProcess() {
        Path jar = simulatorJar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = ManagedProcess.start("psp-simulator",
                List.of(java, "-Xms32m", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()),
                dataDir, Map.of("PSP_PORT", Integer.toString(port), "QUARKUS_HTTP_PORT", Integer.toString(port),
                        "PSP_DATA_DIR", dataDir.resolve("books").toString()),
                Path.of("target/test-infra/logs/psp-simulator.log").toAbsolutePath());
        Readiness.awaitHttpOk(process, baseUrl() + "/q/health/ready", Duration.ofSeconds(60));
    }

    private static Path simulatorJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra/psp-simulator/target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("psp-simulator is not built: run ./mvnw -pl infra/psp-simulator install");
    }
}
