package dev.shop.stack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What every service promises operators, checked against the running application and real servers:
 * readiness covers the infrastructure it cannot work without (not Redis: see ADR 4), and metrics and the OpenAPI document are served.
 * A service's test suite extends this (annotated with {@code @QuarkusTest} and {@link RealInfrastructure}).
 */
public abstract class ServiceFoundationContract {

    public static final String DATABASE_CHECK = "Database connections health check";
    public static final String KAFKA_CHECK = "Kafka connection health check";

    /** Names of the readiness checks this service must report UP. */
    protected abstract List<String> readinessChecks();

    @Test
    void readinessIsUpAndCoversItsInfrastructure() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)));
    }

    /** Redis is a cache and a rate-limit store here: without it a service is slower, never unready. */
    @Test
    void readinessStaysUpWhileRedisIsDown() {
        TestServers.get().stopRedis();
        try {
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            TestServers.get().startRedisAgain();
        }
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }
}
