package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReadyBannerTest {

    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    static StackSettings settings(int offset) {
        return new StackSettings(REPO, Path.of("target/ready-banner-test").toAbsolutePath(), offset,
                Path.of(System.getProperty("java.home")));
    }

    @Test
    void theGatewayAndItsOneSwaggerUiComeFirst() {
        List<String> lines = new ReadyBanner(settings(0)).lines(Duration.ofSeconds(46), List.of());

        assertEquals("  Gateway (the only port you need)  http://localhost:8080", lines.get(3));
        assertEquals("  Swagger UI (every service's API)  http://localhost:8080/q/swagger-ui", lines.get(4));
        assertEquals(1, lines.stream().filter(line -> line.contains("swagger-ui")).count(), String.join("\n", lines));
        assertTrue(lines.contains("  Token for alice                   ./shop token alice"), String.join("\n", lines));
    }

    @Test
    void theServicesFollowInTheOrderOfTheirPortsThenThePspAndTheServers() {
        List<String> lines = new ReadyBanner(settings(0)).lines(Duration.ofSeconds(46), List.of());

        List<String> order = List.of("Gateway", "Swagger UI", "Keycloak", "Token", "Traces", "user-service",
                "order-service", "payment-service", "inventory-service", "psp-simulator", "PostgreSQL", "Kafka",
                "Redis", "Logs");
        List<String> labels = lines.stream().map(String::trim).filter(line -> !line.isEmpty())
                .filter(line -> order.stream().anyMatch(line::startsWith))
                .map(line -> order.stream().filter(line::startsWith).findFirst().orElseThrow()).toList();
        assertEquals(order, labels);
    }

    @Test
    void aServiceLeftOutNeedsNoFlagsWithTheDefaultPorts() {
        List<String> lines = new ReadyBanner(settings(0)).lines(Duration.ofSeconds(46), List.of("order-service"));

        assertTrue(lines.contains("  order-service                     left out (--without), run it with: "
                + "./mvnw -pl order-service quarkus:dev"), String.join("\n", lines));
    }

    @Test
    void withShiftedPortsTheBannerSaysWhatTheServiceNeeds() {
        String row = new ReadyBanner(settings(2000)).lines(Duration.ofSeconds(46), List.of("order-service")).stream()
                .filter(line -> line.trim().startsWith("order-service")).findFirst().orElseThrow();

        assertTrue(row.contains("QUARKUS_HTTP_PORT=10082 "), row);
        assertTrue(row.contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:21092 "), row);
        assertTrue(row.contains("SHOP_INVENTORY_URL=http://127.0.0.1:10084 "), row);
        assertTrue(row.endsWith(" ./mvnw -pl order-service quarkus:dev"), row);
    }

    @Test
    void withShiftedPortsTheTokenCommandCarriesTheOffset() {
        List<String> lines = new ReadyBanner(settings(2000)).lines(Duration.ofSeconds(46), List.of());

        assertTrue(lines.contains("  Token for alice                   SHOP_PORT_OFFSET=2000 ./shop token alice"),
                String.join("\n", lines));
    }
}
