package dev.shop.stack.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.shop.stack.StackSettings;

/**
 * The long chaos run against a stack that is already running ({@code ./shop up}): {@code load-tests/run.sh chaos}
 * starts it with {@code -Dchaos.baseUrl}. Skipped otherwise: the build's own short run is a step of
 * {@code LocalStackEndToEndTest}, on the stack that test starts. Each round kills every component once with SIGKILL
 * (PostgreSQL included), then holds PostgreSQL and Kafka down for {@code -Dchaos.outage} seconds each.
 * <pre>
 * -Dchaos.baseUrl=http://localhost:8080  -Dchaos.issuer=http://localhost:8180/realms/shop  -Dchaos.dataDir=.data
 * -Dchaos.rate=3  -Dchaos.rounds=2  -Dchaos.outage=90  -Dchaos.quiet=10
 * </pre>
 */
@EnabledIfSystemProperty(named = "chaos.baseUrl", matches = ".+")
class RunningStackChaosTest {

    static final List<String> COMPONENTS = List.of("order-service", "kafka", "payment-service", "redis",
            "inventory-service", "psp-simulator", "gateway", "postgres", "user-service", "keycloak", "zipkin");

    @Test
    void ordersSurviveEveryComponentKilledAndLongOutages() throws Exception {
        Path repo = Path.of("../..").toAbsolutePath().normalize();
        StackSettings stack = new StackSettings(repo,
                Path.of(System.getProperty("chaos.dataDir", repo.resolve(".data").toString())).toAbsolutePath(),
                Integer.parseInt(System.getenv().getOrDefault("SHOP_PORT_OFFSET", "0")),
                Path.of(System.getProperty("java.home")));
        Duration outage = Duration.ofSeconds(Long.getLong("chaos.outage", 90));
        List<Fault> faults = new ArrayList<>();
        for (int round = 0; round < Integer.getInteger("chaos.rounds", 2); round++) {
            COMPONENTS.forEach(component -> faults.add(Fault.kill(component)));
            faults.add(Fault.outage("postgres", outage));
            faults.add(Fault.outage("kafka", outage));
        }
        ChaosReport report = ChaosRun.run(new ChaosRun.Plan(System.getProperty("chaos.baseUrl"),
                System.getProperty("chaos.issuer", "http://localhost:8180/realms/shop"), stack,
                Double.parseDouble(System.getProperty("chaos.rate", "3")),
                List.of("customer-0981", "customer-0982", "customer-0983", "customer-0984", "customer-0985"),
                faults, Duration.ofSeconds(Long.getLong("chaos.quiet", 10)), Duration.ofMinutes(5)), System.out);
        System.out.println(report.table());
        assertTrue(report.clean(), report.table());
    }
}
