package dev.shop.psp.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.shop.psp.rest.PspCalls.charge;
import static dev.shop.psp.rest.PspCalls.chargeBody;
import static dev.shop.psp.rest.PspCalls.chargeVisa;
import static dev.shop.psp.rest.PspCalls.ledgerEntry;
import static dev.shop.psp.rest.PspCalls.ledgerTotal;
import static dev.shop.psp.rest.PspCalls.newReference;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ChargeResourceTest {

    @Test
    void visaChargeSucceeds() {
        String reference = newReference();

        var answer = charge(reference, chargeBody(1299, "pm_card_visa", reference))
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .body("id", startsWith("ch_"))
                .body("status", equalTo("succeeded"))
                .body("amountCents", equalTo(1299))
                .body("currency", equalTo("EUR"))
                .body("reference", equalTo(reference))
                .body("amountRefundedCents", equalTo(0))
                .extract();
        String id = answer.path("id");

        assertTrue(answer.header("Location").endsWith("/v1/charges/" + id), answer.header("Location"));
        given().get("/v1/charges/" + id).then().statusCode(200).body("status", equalTo("succeeded"));
        assertEquals(1299, ledgerEntry(reference).get("capturedCents"));
    }

    @Test
    void declinedCardIs402WithCode() {
        String reference = newReference();

        String chargeId = charge(reference, chargeBody(1299, "pm_card_declined", reference))
                .statusCode(402)
                .contentType("application/problem+json")
                .body("status", equalTo(402))
                .body("code", equalTo("CARD_DECLINED"))
                .body("type", equalTo("https://shop.dev/problems/card-declined"))
                .body("declineCode", equalTo("generic_decline"))
                .body("instance", equalTo("/v1/charges"))
                .body("charge", startsWith("ch_"))
                .extract().path("charge");

        given().get("/v1/charges/" + chargeId).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureCode", equalTo("CARD_DECLINED"));
        Map<String, Object> entry = ledgerEntry(reference);
        assertEquals(0, entry.get("capturedCents"), "a decline moves no money");
        assertEquals(1, entry.get("declines"));
    }

    @Test
    void insufficientFundsIs402WithCode() {
        String reference = newReference();

        charge(reference, chargeBody(99_999, "pm_card_insufficient_funds", reference))
                .statusCode(402)
                .contentType("application/problem+json")
                .body("code", equalTo("INSUFFICIENT_FUNDS"))
                .body("declineCode", equalTo("insufficient_funds"));
    }

    @Test
    void retriedDeclineStaysDeclined() {
        String reference = newReference();
        String body = chargeBody(1299, "pm_card_declined", reference);
        String first = charge(reference, body).statusCode(402).extract().path("charge");

        charge(reference, body)
                .statusCode(402)
                .header("Idempotent-Replayed", "true")
                .body("code", equalTo("CARD_DECLINED"))
                .body("charge", equalTo(first));
        assertEquals(1, ledgerEntry(reference).get("declines"));
    }

    @Test
    void unknownPaymentMethodIs400() {
        String reference = newReference();

        charge(reference, chargeBody(1299, "pm_card_amex", reference))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_PAYMENT_METHOD"));
        assertNull(ledgerEntry(reference), "nothing recorded");
    }

    @Test
    void invalidBodyIs400() {
        String reference = newReference();

        charge(reference, chargeBody(-5, "pm_card_visa", reference)).statusCode(400);
        charge(reference, """
                {"amountCents": 100, "currency": "euro", "paymentMethod": "pm_card_visa", "reference": "%s"}"""
                .formatted(reference)).statusCode(400);
        assertNull(ledgerEntry(reference), "nothing recorded");
    }

    @Test
    void missingKeyIs400() {
        String reference = newReference();

        charge(null, chargeBody(1299, "pm_card_visa", reference))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_MISSING"));
        assertNull(ledgerEntry(reference), "nothing charged");
    }

    @Test
    void sameKeySameBodyReplaysWithoutSecondCharge() {
        String reference = newReference();
        String body = chargeBody(1299, "pm_card_visa", reference);
        long capturedBefore = ledgerTotal("capturedCents");
        String first = charge(reference, body).statusCode(201).extract().path("id");

        charge(reference, body)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));

        assertEquals(1, ledgerEntry(reference).get("charges"));
        assertEquals(capturedBefore + 1299, ledgerTotal("capturedCents"));
    }

    @Test
    void sameKeyDifferentBodyIs422() {
        String reference = newReference();
        charge(reference, chargeBody(1299, "pm_card_visa", reference)).statusCode(201);

        charge(reference, chargeBody(9999, "pm_card_visa", reference))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1299, ledgerEntry(reference).get("capturedCents"));
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyChargeOnce() throws Exception {
        String reference = newReference();
        String body = chargeBody(1299, "pm_card_visa", reference);
        List<HttpResponse<String>> answers = sendConcurrently(20, i -> reference, i -> body);

        Set<String> chargeIds = new HashSet<>();
        int created = 0;
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 201) {
                created++;
                chargeIds.add(idOf(answer.body()));
            } else {
                assertEquals(409, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("IDEMPOTENCY_KEY_IN_FLIGHT"), answer.body());
            }
        }
        assertTrue(created >= 1, "at least the first request is answered 201");
        assertEquals(1, chargeIds.size(), "every 201 names the same charge");
        assertEquals(1, ledgerEntry(reference).get("charges"));
        assertEquals(1299, ledgerEntry(reference).get("capturedCents"));

        // Once the first request is answered, a retry replays it.
        charge(reference, body).statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(chargeIds.iterator().next()));
    }

    @Test
    void manyConcurrentChargesAreAllRecorded() throws Exception {
        long capturedBefore = ledgerTotal("capturedCents");
        long chargesBefore = ledgerTotal("charges");
        String prefix = newReference();

        List<HttpResponse<String>> answers = sendConcurrently(50, i -> prefix + "-" + i,
                i -> chargeBody(100, "pm_card_visa", prefix + "-" + i));

        answers.forEach(answer -> assertEquals(201, answer.statusCode(), answer.body()));
        assertEquals(50, answers.stream().map(answer -> idOf(answer.body())).distinct().count());
        assertEquals(capturedBefore + 5000, ledgerTotal("capturedCents"));
        assertEquals(chargesBefore + 50, ledgerTotal("charges"));
    }

    @Test
    void chargesAreListedByReference() {
        String reference = newReference();
        charge(reference + "-declined", chargeBody(1299, "pm_card_declined", reference)).statusCode(402);
        String succeeded = chargeVisa(1299, reference);

        given().queryParam("reference", reference).get("/v1/charges").then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].status", equalTo("failed"))
                .body("items[1].id", equalTo(succeeded));
        given().queryParam("reference", newReference()).get("/v1/charges").then()
                .statusCode(200).body("items", hasSize(0));
        given().get("/v1/charges").then().statusCode(400).body("code", equalTo("REFERENCE_REQUIRED"));
    }

    @Test
    void unknownChargeIs404() {
        given().get("/v1/charges/ch_doesnotexist").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CHARGE_NOT_FOUND"));
    }

    @Test
    void chargesAreCountedByOutcomeInMetrics() {
        String reference = newReference();
        chargeVisa(100, reference);
        charge(reference + "-x", chargeBody(100, "pm_card_insufficient_funds", reference)).statusCode(402);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("psp_charges_total{outcome=\"succeeded\",service=\"psp-simulator\"}"))
                .body(containsString("psp_charges_total{outcome=\"insufficient_funds\",service=\"psp-simulator\"}"))
                .body(containsString("psp_captured_cents_total"));
    }

    @Test
    void openApiDescribesTheSimulator() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("SIMULATED"))
                .body(containsString("/v1/charges"))
                .body(containsString("/admin/faults"));
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(ch_[0-9a-f]+)\"");

    private static String idOf(String json) {
        Matcher matcher = ID.matcher(json);
        assertTrue(matcher.find(), json);
        return matcher.group(1);
    }

    /** Sends n charges at once (released together by a latch) and returns every answer. */
    static List<HttpResponse<String>> sendConcurrently(int n, IntFunction<String> key,
                                                       IntFunction<String> body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/charges");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key.apply(i))
                        .POST(HttpRequest.BodyPublishers.ofString(body.apply(i)))
                        .build();
                pending.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return client.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
