package dev.shop.stack.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.shop.stack.ManagedProcess;
import dev.shop.stack.Ports;
import dev.shop.stack.Readiness;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;

/**
 * The real psp-simulator (infra/psp-simulator) for a service's tests: one process per test JVM, on a free port,
 * with empty books (its journal lives under {@code SHOP_TEST_WORK_DIR}, wiped at each run). As a Quarkus test
 * resource it points the service's PSP client at it:
 * <pre>
 * &#64;WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)   // sets shop.psp.url
 * </pre>
 * The static methods read its books and turn its fault knobs, for assertions and outages.
 */
public class PspSimulator implements QuarkusTestResourceLifecycleManager {

    private static ManagedProcess process;
    private static String url;

    @Override
    public Map<String, String> start() {
        return Map.of("shop.psp.url", url());
    }

    @Override
    public void stop() {
        // The process lives as long as the test JVM: every test class shares it.
    }

    /** Its base URL; starts it (and waits until it is ready) on first use. */
    public static synchronized String url() {
        if (process == null) {
            TestServers.get(); // wipes the work directory first, so the journal below starts empty
            int port = Ports.freePort();
            url = "http://127.0.0.1:" + port;
            process = ShopProcesses.start("psp-simulator", "infra/psp-simulator", Map.of(
                    "PSP_PORT", String.valueOf(port),
                    "PSP_DATA_DIR", ShopProcesses.workDir().resolve("psp-data").toString()));
            Readiness.awaitHttpOk(process, url + "/q/health/ready", Duration.ofSeconds(90));
        }
        return url;
    }

    /** {@code PUT /admin/faults}: added latency, share of calls answered 503, full outage. */
    public static void faults(long latencyMs, double errorRate, boolean outage) {
        given().baseUri(url()).contentType(ContentType.JSON)
                .body("{\"latencyMs\": " + latencyMs + ", \"errorRate\": " + errorRate + ", \"outage\": " + outage + "}")
                .when().put("/admin/faults").then().statusCode(200);
    }

    /** {@code POST /admin/faults/reset}: no latency, no errors, no outage (the simulator's configured defaults). */
    public static void resetFaults() {
        given().baseUri(url()).when().post("/admin/faults/reset").then().statusCode(200);
    }

    /** Every charge attempt for a reference (the shop sends the order id), oldest first, declines included. */
    public static List<Map<String, Object>> charges(String reference) {
        return given().baseUri(url()).queryParam("reference", reference).when().get("/v1/charges")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /**
     * The ledger's entry for a reference ({@code capturedCents}, {@code refundedCents}, {@code netCents},
     * {@code charges}, {@code refunds}, {@code declines}), or {@code null} when the PSP never saw it.
     */
    public static Map<String, Object> ledgerEntry(String reference) {
        return given().baseUri(url()).when().get("/v1/ledger").then().statusCode(200).extract().jsonPath()
                .getMap("entries.find { it.reference == '" + reference + "' }");
    }
}
