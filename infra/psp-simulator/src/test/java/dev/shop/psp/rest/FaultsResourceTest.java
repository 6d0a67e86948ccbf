package dev.shop.psp.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.shop.psp.rest.PspCalls.cancel;
import static dev.shop.psp.rest.PspCalls.charge;
import static dev.shop.psp.rest.PspCalls.chargeBody;
import static dev.shop.psp.rest.PspCalls.chargeVisa;
import static dev.shop.psp.rest.PspCalls.ledgerEntry;
import static dev.shop.psp.rest.PspCalls.newReference;
import static dev.shop.psp.rest.PspCalls.refund;
import static dev.shop.psp.rest.PspCalls.setAnswerFaults;
import static dev.shop.psp.rest.PspCalls.setFaults;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FaultsResourceTest {

    @AfterEach
    void resetFaults() {
        given().post("/admin/faults/reset").then().statusCode(200);
    }

    @Test
    void outageAnswers503BeforeAnyEffect() {
        String reference = newReference();
        String body = chargeBody(1299, "pm_card_visa", reference);
        String chargeId = chargeVisa(700, newReference());
        setFaults(0, 0.0, true);

        charge(reference, body)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("PSP_UNAVAILABLE"));
        refund(reference, "{\"charge\": \"" + chargeId + "\"}").statusCode(503);
        given().get("/v1/ledger").then().statusCode(503);
        given().get("/admin/faults").then().statusCode(200).body("outage", equalTo(true));

        resetFaults();
        assertNull(ledgerEntry(reference), "the failed call charged nothing");
        charge(reference, body).statusCode(201).header("Idempotent-Replayed", nullValue());
        given().get("/v1/charges/" + chargeId).then().body("amountRefundedCents", equalTo(0));
    }

    @Test
    void injectedErrorsAnswer503AndARetryWithTheSameKeyIsSafe() {
        String reference = newReference();
        String body = chargeBody(1299, "pm_card_visa", reference);
        setFaults(0, 1.0, false);
        charge(reference, body).statusCode(503).body("code", equalTo("PSP_UNAVAILABLE"));
        resetFaults();
        assertNull(ledgerEntry(reference), "the failed call charged nothing");

        setFaults(0, 0.5, false);
        int answered201 = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            int status = charge(reference, body).extract().statusCode();
            assertTrue(status == 201 || status == 503, "status " + status);
            answered201 += status == 201 ? 1 : 0;
        }

        resetFaults();
        assertTrue(answered201 > 0, "half the calls get through");
        assertEquals(1, ledgerEntry(reference).get("charges"), "however many retries, one charge");
        assertEquals(1299, ledgerEntry(reference).get("capturedCents"));
    }

    @Test
    void latencyDelaysTheAnswer() {
        setFaults(300, 0.0, false);
        String reference = newReference();

        long started = System.nanoTime();
        charge(reference, chargeBody(100, "pm_card_visa", reference)).statusCode(201);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(tookMillis >= 300, "took " + tookMillis + " ms");
    }

    @Test
    void badRequestAnswers400BeforeAnyEffect() {
        String reference = newReference();
        String body = chargeBody(1299, "pm_card_visa", reference);
        String chargeId = chargeVisa(700, newReference());
        setAnswerFaults(true, false);

        charge(reference, body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("SIMULATED_BAD_REQUEST"));
        refund(reference, "{\"charge\": \"" + chargeId + "\"}").statusCode(400)
                .body("code", equalTo("SIMULATED_BAD_REQUEST"));
        cancel(reference, reference).statusCode(400).body("code", equalTo("SIMULATED_BAD_REQUEST"));

        resetFaults();
        assertNull(ledgerEntry(reference), "the rejected calls charged nothing and voided nothing");
        charge(reference, body).statusCode(201).header("Idempotent-Replayed", nullValue());
        given().get("/v1/charges/" + chargeId).then().body("amountRefundedCents", equalTo(0));
    }

    @Test
    void approvalWithoutIdMakesTheChargeButLeavesItsIdOutOfTheAnswer() {
        String reference = newReference();
        String body = chargeBody(1299, "pm_card_visa", reference);
        String declined = newReference();
        setAnswerFaults(false, true);

        charge(reference, body)
                .statusCode(201)
                .header("Location", nullValue())
                .body("id", nullValue())
                .body("status", equalTo("succeeded"))
                .body("amountCents", equalTo(1299));
        charge(declined, chargeBody(1299, "pm_card_declined", declined)).statusCode(402)
                .body("charge", startsWith("ch_"));

        resetFaults();
        assertEquals(1299, ledgerEntry(reference).get("capturedCents"), "the charge was made");
        charge(reference, body).statusCode(201).header("Idempotent-Replayed", "true").body("id", startsWith("ch_"));
    }

    @Test
    void resetRestoresConfiguredDefaults() {
        setFaults(200, 0.3, true);
        given().get("/admin/faults").then()
                .body("latencyMs", equalTo(200))
                .body("errorRate", equalTo(0.3f))
                .body("outage", equalTo(true))
                .body("badRequest", equalTo(false))
                .body("approvalWithoutId", equalTo(false));
        setAnswerFaults(true, true);
        given().get("/admin/faults").then().body("badRequest", equalTo(true)).body("approvalWithoutId", equalTo(true));

        given().post("/admin/faults/reset").then()
                .statusCode(200)
                .body("latencyMs", equalTo(0))
                .body("errorRate", equalTo(0.0f))
                .body("outage", equalTo(false))
                .body("badRequest", equalTo(false))
                .body("approvalWithoutId", equalTo(false));
    }

    @Test
    void faultKnobsOutOfRangeAre400() {
        given().contentType(ContentType.JSON).body("{\"latencyMs\": 0, \"errorRate\": 1.5, \"outage\": false}")
                .put("/admin/faults").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"outage\": true}")
                .put("/admin/faults").then().statusCode(400);
        given().get("/admin/faults").then().body("outage", equalTo(false));
    }
}
