package dev.shop.psp.rest;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

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
        var request = given().contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/v1/charges").then();
    }

    /** Charges a visa card with the reference as key, the way payment-service does, and returns the charge id. */
    static String chargeVisa(long cents, String reference) {
        return charge(reference, chargeBody(cents, "pm_card_visa", reference)).statusCode(201).extract().path("id");
    }

    static ValidatableResponse refund(String idempotencyKey, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/v1/refunds").then();
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
