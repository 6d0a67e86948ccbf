package dev.shop.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.PspSimulatorUpstream;
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
    void aConcurrentBurstIsLimitedTooNotLetThroughUnchecked() throws Exception {
        burst(Tokens.accessToken("customer-0305", "customer")); // a first burst opens the pool's connections
        String token = Tokens.accessToken("customer-0304", "customer");
        double failOpenBefore = failOpenCount();
        long startedAt = System.nanoTime();
        List<Integer> statuses = burst(token);
        double seconds = (System.nanoTime() - startedAt) / 1e9;

        // With Quarkus' default Redis pool (6 connections, 24 waiting) most of the burst failed open at once.
        assertEquals(failOpenBefore, failOpenCount(), "no request was let through without a decision");
        long allowed = statuses.stream().filter(status -> status == 200).count();
        double refilled = Math.ceil(PspSimulatorUpstream.USER_RATE * seconds);
        assertTrue(allowed <= PspSimulatorUpstream.USER_BURST + refilled,
                "at most the burst plus what refilled in " + seconds + " s passes: " + allowed);
        assertEquals(128 - allowed, statuses.stream().filter(status -> status == 429).count(), "the rest is 429");
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

    /** 128 requests from 64 threads at once; their status codes. */
    private static List<Integer> burst(String token) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 128; i++) {
                requests.add(() -> given().auth().oauth2(token).when().get(PATH).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : clients.invokeAll(requests)) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            clients.shutdown();
        }
    }

    private static double failOpenCount() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "gateway_rate_limit_fail_open_total");
    }
}
