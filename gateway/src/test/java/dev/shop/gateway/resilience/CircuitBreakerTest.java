package dev.shop.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.PspSimulatorUpstream;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Per-upstream breaker and timeout against the real psp-simulator process: killed, faulted, slowed down.
 * Test settings: breaker window {@value PspSimulatorUpstream#BREAKER_VOLUME} calls, ratio 0.5, open for 2 s;
 * timeout 1 s. Each story uses its own upstream (own breaker) and its own user (own rate-limit bucket).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "keycloak", value = "true"))
@WithTestResource(value = PspSimulatorUpstream.class, scope = TestResourceScope.GLOBAL)
class CircuitBreakerTest {

    @Test
    void stoppedUpstreamOpensTheBreakerWhichAnswersFastAndRecoversByItself() throws InterruptedException {
        String token = Tokens.bob();
        String path = "/api/v1/orders/ledger";
        given().auth().oauth2(token).when().get(path).then().statusCode(200);

        PspSimulatorUpstream.kill();
        try {
            Response open = null;
            for (int i = 0; i < 10 && open == null; i++) {
                Response response = given().auth().oauth2(token).when().get(path);
                assertEquals(503, response.statusCode(), response.asString());
                if (response.asString().contains("circuit breaker open")) {
                    open = response;
                }
            }
            assertTrue(open != null, "the breaker must open after the threshold");
            // Wall-clock time on a shared 2-core machine includes other processes' load (load averages of 20
            // were seen while the whole project builds): the best of five answers is what the gateway can do,
            // and the breaker's own decision time is read from the gateway's timer.
            long[] millis = new long[5];
            for (int i = 0; i < millis.length; i++) {
                long begin = System.nanoTime();
                Response response = given().auth().oauth2(token).when().get(path);
                millis[i] = (System.nanoTime() - begin) / 1_000_000;
                response.then().statusCode(503)
                        .time(lessThan(500L))
                        .contentType("application/problem+json")
                        .body("code", equalTo("UPSTREAM_UNAVAILABLE"))
                        .body("detail", containsString("circuit breaker open"))
                        .body("retryAfterMs", lessThan(2001))
                        .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[12]"));
            }
            java.util.Arrays.sort(millis);
            assertTrue(millis[0] < 50, "an open breaker answers in under 50 ms, took " + java.util.Arrays.toString(millis));
            assertTrue(breakerOpenMaxSeconds() < 0.05, "the breaker refuses in under 50 ms");
        } finally {
            PspSimulatorUpstream.startAgain();
        }
        // No reset from outside: after its delay the breaker lets a trial call through and closes.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = given().auth().oauth2(token).when().get(path).statusCode();
            if (status != 200) {
                Thread.sleep(300);
            }
        }
        assertEquals(200, status, "the route recovers by itself");
    }

    @Test
    void openBreakerDoesNotTouchTheUpstream() {
        String token = Tokens.accessToken("customer-0401", "customer");
        String path = "/api/v1/users/ledger";
        setFaults("{\"latencyMs\": 0, \"errorRate\": 0.0, \"outage\": true}");
        try {
            // Upstream 503s are failures: the breaker opens; the simulator's own 503 reaches the client meanwhile.
            for (int i = 0; i < PspSimulatorUpstream.BREAKER_VOLUME; i++) {
                given().auth().oauth2(token).when().get(path).then().statusCode(503);
            }
            double faultsBefore = outagesInjected();
            given().auth().oauth2(token).when().get(path)
                    .then().statusCode(503)
                    .body("code", equalTo("UPSTREAM_UNAVAILABLE"))
                    .body("detail", containsString("circuit breaker open"));
            assertEquals(faultsBefore, outagesInjected(), "an open breaker must not call the upstream");
        } finally {
            resetFaults();
        }
    }

    @Test
    void slowUpstreamIs504() {
        String token = Tokens.accessToken("customer-0402", "customer");
        setFaults("{\"latencyMs\": 1500, \"errorRate\": 0.0, \"outage\": false}");
        try {
            given().auth().oauth2(token).when().get("/api/v1/products/ledger")
                    .then().statusCode(504)
                    .time(lessThan(1450L))
                    .time(greaterThanOrEqualTo(900L))
                    .contentType("application/problem+json")
                    .body("code", equalTo("UPSTREAM_TIMEOUT"));
        } finally {
            resetFaults();
        }
    }

    @Test
    void longPollIsGivenItsWaitOnTopOfTheTimeout() {
        String token = Tokens.accessToken("customer-0404", "customer");
        setFaults("{\"latencyMs\": 1500, \"errorRate\": 0.0, \"outage\": false}");
        try {
            // Slower than the 1 s timeout, but within it plus the 2 s the client is willing to wait (a long poll).
            given().auth().oauth2(token).header("Prefer", "wait=2").when().get("/api/v1/products/ledger")
                    .then().statusCode(200); // without Prefer: 504 (slowUpstreamIs504)
        } finally {
            resetFaults();
        }
    }

    /**
     * Regression (the gateway collapsed under load and never recovered): requests the breaker had given up on
     * (504) stayed in the upstream's connection-pool queue. Later each took a connection in turn, sent its
     * request, and left the paused response unread, which pinned the connection until the client's idle
     * timeout (then 30 s); every new request queued behind them and timed out too, for as long as the backlog
     * lasted. Here a pool's worth of exchanges is in flight and twice as many are queued when the timeout
     * fires: once the upstream is fast again, the route must serve a pool's worth of concurrent requests
     * well within the idle timeout.
     */
    @Test
    void abandonedRequestsDoNotTakePooledConnectionsLater() throws Exception {
        String path = "/api/v1/users/ledger";
        int pool = PspSimulatorUpstream.POOL_SIZE;
        setFaults("{\"latencyMs\": 1500, \"errorRate\": 0.0, \"outage\": false}");
        try {
            for (int status : concurrently(3 * pool, 410, path)) {
                assertTrue(status == 504 || status == 503, "slower than the timeout: " + status);
            }
        } finally {
            resetFaults();
        }

        String token = Tokens.accessToken("customer-0403", "customer");
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos(); // well within the idle timeout
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = given().auth().oauth2(token).when().get(path).statusCode();
        }
        assertEquals(200, status, "the pool must have its connections back once the breaker closes");
        assertEquals(java.util.Collections.nCopies(pool, 200), concurrently(pool, 430, path),
                "every pooled connection must be usable again");
    }

    /** {@code calls} GETs of {@code path} at once, each by its own user (own rate-limit bucket); their statuses. */
    private static java.util.List<Integer> concurrently(int calls, int firstUser, String path) throws Exception {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            tokens.add(Tokens.accessToken(String.format("customer-%04d", firstUser + i), "customer"));
        }
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(calls);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> futures = new java.util.ArrayList<>();
            for (String token : tokens) {
                futures.add(callers.submit(() -> given().auth().oauth2(token).when().get(path).statusCode()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var future : futures) {
                statuses.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            callers.shutdownNow();
        }
    }

    private static double breakerOpenMaxSeconds() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.max(metrics, "gateway_upstream_duration_seconds_max", "outcome=\"breaker_open\"",
                "upstream=\"orders\"");
    }

    private static void setFaults(String json) {
        given().baseUri(PspSimulatorUpstream.baseUrl()).port(-1).contentType("application/json").body(json)
                .when().put("/admin/faults").then().statusCode(200);
    }

    private static void resetFaults() {
        given().baseUri(PspSimulatorUpstream.baseUrl()).port(-1).when().post("/admin/faults/reset")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    private static double outagesInjected() {
        String metrics = given().baseUri(PspSimulatorUpstream.baseUrl()).port(-1)
                .when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "psp_faults_injected_total", "kind=\"outage\"");
    }
}
