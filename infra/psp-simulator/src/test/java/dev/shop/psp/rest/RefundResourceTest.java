package dev.shop.psp.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.shop.psp.rest.PspCalls.charge;
import static dev.shop.psp.rest.PspCalls.chargeBody;
import static dev.shop.psp.rest.PspCalls.chargeVisa;
import static dev.shop.psp.rest.PspCalls.ledgerEntry;
import static dev.shop.psp.rest.PspCalls.ledgerTotal;
import static dev.shop.psp.rest.PspCalls.newReference;
import static dev.shop.psp.rest.PspCalls.refund;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class RefundResourceTest {

    @Test
    void refundIsIdempotentAndNetsTheLedger() {
        String reference = newReference();
        String chargeId = chargeVisa(1299, reference);
        long refundedBefore = ledgerTotal("refundedCents");
        String body = "{\"charge\": \"" + chargeId + "\"}";

        String refundId = refund("refund-" + reference, body)
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .body("id", startsWith("re_"))
                .body("charge", equalTo(chargeId))
                .body("amountCents", equalTo(1299))
                .body("reference", equalTo(reference))
                .extract().path("id");
        refund("refund-" + reference, body)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(refundId));

        Map<String, Object> entry = ledgerEntry(reference);
        assertEquals(1299, entry.get("capturedCents"));
        assertEquals(1299, entry.get("refundedCents"));
        assertEquals(0, entry.get("netCents"));
        assertEquals(1, entry.get("refunds"));
        assertEquals(refundedBefore + 1299, ledgerTotal("refundedCents"));
        given().get("/v1/charges/" + chargeId).then().body("amountRefundedCents", equalTo(1299));
    }

    @Test
    void chargeAndRefundMayShareTheOrderIdAsKey() {
        String reference = newReference();
        String chargeId = chargeVisa(500, reference);

        refund(reference, "{\"charge\": \"" + chargeId + "\"}")
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue());
    }

    @Test
    void partialRefundsStopAtTheChargedAmount() {
        String reference = newReference();
        String chargeId = chargeVisa(1000, reference);

        refund(reference + "-1", "{\"charge\": \"" + chargeId + "\", \"amountCents\": 600}").statusCode(201);
        refund(reference + "-2", "{\"charge\": \"" + chargeId + "\", \"amountCents\": 600}")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("REFUND_EXCEEDS_CHARGE"));
        refund(reference + "-3", "{\"charge\": \"" + chargeId + "\"}")
                .statusCode(201)
                .body("amountCents", equalTo(400));
        refund(reference + "-4", "{\"charge\": \"" + chargeId + "\"}")
                .statusCode(409)
                .body("code", equalTo("CHARGE_ALREADY_REFUNDED"));

        assertEquals(0, ledgerEntry(reference).get("netCents"));
        assertEquals(2, ledgerEntry(reference).get("refunds"));
    }

    @Test
    void rejectedRefundDoesNotUseUpItsKey() {
        String reference = newReference();
        String chargeId = chargeVisa(1000, reference);

        refund(reference, "{\"charge\": \"" + chargeId + "\", \"amountCents\": 5000}").statusCode(422);
        refund(reference, "{\"charge\": \"" + chargeId + "\", \"amountCents\": 1000}")
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue());
    }

    @Test
    void refundOfUnknownChargeIs404() {
        refund(newReference(), "{\"charge\": \"ch_doesnotexist\"}")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CHARGE_NOT_FOUND"));
    }

    @Test
    void refundOfDeclinedChargeIs409() {
        String reference = newReference();
        String declined = charge(reference, chargeBody(1299, "pm_card_declined", reference))
                .statusCode(402).extract().path("charge");

        refund(reference, "{\"charge\": \"" + declined + "\"}")
                .statusCode(409)
                .body("code", equalTo("CHARGE_NOT_REFUNDABLE"));
    }

    @Test
    void sameRefundKeyDifferentBodyIs422() {
        String reference = newReference();
        String chargeId = chargeVisa(1000, reference);
        refund(reference, "{\"charge\": \"" + chargeId + "\", \"amountCents\": 100}").statusCode(201);

        refund(reference, "{\"charge\": \"" + chargeId + "\", \"amountCents\": 200}")
                .statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(100, ledgerEntry(reference).get("refundedCents"));
    }

    @Test
    void refundWithoutKeyIs400() {
        String chargeId = chargeVisa(1000, newReference());

        refund(null, "{\"charge\": \"" + chargeId + "\"}")
                .statusCode(400)
                .body("code", equalTo("IDEMPOTENCY_KEY_MISSING"));
    }
}
