package dev.shop.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestServers;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The per-user token bucket in the real Redis (test limits: burst {@value PspSimulatorUpstream#USER_BURST},
 * {@value PspSimulatorUpstream#USER_RATE} per second). Each test has its own user, hence its own bucket.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "keycloak", value = "true"))
@WithTestResource(value = PspSimulatorUpstream.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    private static final String PATH = "/api/v1/payments/ledger";

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        given().auth().oauth2(Tokens.accessToken("customer-0301", "customer"))
                .when().get(PATH)
                .then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"user\";q=10;w=2"))
                .header("RateLimit", equalTo("\"user\";r=9;t=1"));
    }

    @Test
    void burstBeyondTheLimitIs429WithHeadersThenAllowedAgain() throws InterruptedException {
        String token = Tokens.accessToken("customer-0302", "customer");
        Response rejected = null;
        for (int i = 0; i < PspSimulatorUpstream.USER_BURST + 10 && rejected == null; i++) {
            Response response = given().auth().oauth2(token).when().get(PATH);
            if (response.statusCode() == 429) {
                rejected = response;
            } else {
                assertEquals(200, response.statusCode());
            }
        }
        assertTrue(rejected != null, "a burst beyond the limit must be refused");
        rejected.then()
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", equalTo("1"))
                .header("RateLimit-Policy", equalTo("\"user\";q=10;w=2"))
                .header("RateLimit", matchesPattern("\"user\";r=0;t=[12]"));

        Thread.sleep(Duration.ofSeconds(Long.parseLong(rejected.header("Retry-After"))).toMillis());
        given().auth().oauth2(token).when().get(PATH).then().statusCode(200);
    }

    @Test
    void redisDownStillServesAndCountsFailOpen() throws InterruptedException {
        String token = Tokens.accessToken("customer-0303", "customer");
        double before = failOpenCount();
        TestServers.get().stopRedis();
        try {
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(token).when().get(PATH)
                        .then().statusCode(200)
                        .header("RateLimit", nullValue());
            }
            assertTrue(failOpenCount() >= before + 3, "each request let through unchecked is counted");
        } finally {
            TestServers.get().startRedisAgain();
        }
        // Back to normal by itself once Redis is back.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String header = null;
        while (header == null && System.nanoTime() < deadline) {
            header = given().auth().oauth2(token).when().get(PATH).then().statusCode(200).extract().header("RateLimit");
            if (header == null) {
                Thread.sleep(200);
            }
        }
        assertTrue(header != null, "rate limiting resumes when Redis is back");
    }

    private static double failOpenCount() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "gateway_rate_limit_fail_open_total");
    }
}
