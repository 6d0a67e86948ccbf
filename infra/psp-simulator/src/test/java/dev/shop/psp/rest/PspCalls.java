package dev.shop.psp.rest;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Small helpers the REST tests share: one call each, no assertions. */
final class PspCalls {

    private PspCalls() {
    }

    static String newReference() {
        return UUID.randomUUID().toString();
    }

    static String chargeBody(long cents, String paymentMethod, String reference) {
        return """
                {"amountCents": %d, "currency": "EUR", "paymentMethod": "%s", "reference": "%s"}"""
                .formatted(cents, paymentMethod, reference);
    }

    static ValidatableResponse charge(String idempotencyKey, String body) {
        return post("/v1/charges", idempotencyKey, body);
    }

    /** Charges a visa card with the reference as key, the way payment-service does, and returns the charge id. */
    static String chargeVisa(long cents, String reference) {
        return charge(reference, chargeBody(cents, "pm_card_visa", reference)).statusCode(201).extract().path("id");
    }

    static ValidatableResponse refund(String idempotencyKey, String body) {
        return post("/v1/refunds", idempotencyKey, body);
    }

    /** Cancels the charge made, or not yet made, with {@code chargeIdempotencyKey}. */
    static ValidatableResponse cancel(String idempotencyKey, String chargeIdempotencyKey) {
        return post("/v1/cancellations", idempotencyKey, """
                {"chargeIdempotencyKey": "%s"}""".formatted(chargeIdempotencyKey));
    }

    /** {@code PUT /admin/faults}. */
    static void setFaults(long latencyMs, double errorRate, boolean outage) {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\": %d, \"errorRate\": %s, \"outage\": %s}".formatted(latencyMs, errorRate, outage))
                .put("/admin/faults").then().statusCode(200);
    }

    /** {@code PUT /admin/faults} with no latency, errors or outage, and the two knobs for answers outside the contract. */
    static void setAnswerFaults(boolean badRequest, boolean approvalWithoutId) {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\": 0, \"errorRate\": 0.0, \"outage\": false, \"badRequest\": %s, \"approvalWithoutId\": %s}"
                        .formatted(badRequest, approvalWithoutId))
                .put("/admin/faults").then().statusCode(200);
    }

    /** The sample of a simulator counter, summed over the series that carry every one of {@code labels}. */
    static double counter(String name, String... labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0]))
                .sum();
    }

    private static ValidatableResponse post(String path, String idempotencyKey, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post(path).then();
    }

    /** The ledger's entry for one reference, or null when the processor never saw it. */
    static Map<String, Object> ledgerEntry(String reference) {
        return given().get("/v1/ledger").then().statusCode(200).extract().jsonPath()
                .getMap("entries.find { it.reference == '" + reference + "' }");
    }

    static long ledgerTotal(String field) {
        return given().get("/v1/ledger").then().statusCode(200).extract().jsonPath().getLong(field);
    }
}
