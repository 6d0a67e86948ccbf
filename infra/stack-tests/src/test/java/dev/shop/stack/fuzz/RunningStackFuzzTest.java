package dev.shop.stack.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The long fuzz run against a stack that is already running ({@code ./shop up}): {@code load-tests/run.sh fuzz}
 * starts it with {@code -Dfuzz.baseUrl}. Skipped otherwise: the build's own short run is a step of
 * {@code LocalStackEndToEndTest}, on the stack that test starts.
 * <pre>
 * -Dfuzz.baseUrl=http://localhost:8080  -Dfuzz.issuer=http://localhost:8180/realms/shop
 * -Dfuzz.requests=1000000  -Dfuzz.concurrency=16  -Dfuzz.seed=(random)  -Dfuzz.progressSeconds=10
 * </pre>
 */
@EnabledIfSystemProperty(named = "fuzz.baseUrl", matches = ".+")
class RunningStackFuzzTest {

    @Test
    void fuzzedRequestsGetNo5xxAndOnlyProblemErrors() throws Exception {
        String gateway = System.getProperty("fuzz.baseUrl");
        String issuer = System.getProperty("fuzz.issuer", "http://localhost:8180/realms/shop");
        FuzzReport report = GatewayFuzz.run(gateway, issuer, Long.getLong("fuzz.requests", 1_000_000),
                Integer.getInteger("fuzz.concurrency", 16), Long.getLong("fuzz.seed", System.nanoTime()),
                Duration.ofSeconds(Long.getLong("fuzz.progressSeconds", 10)), System.out);
        assertTrue(report.clean(), report.table());
    }
}
