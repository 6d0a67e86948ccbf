package dev.shop.psp.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.shop.psp.rest.PspCalls.cancel;
import static dev.shop.psp.rest.PspCalls.charge;
import static dev.shop.psp.rest.PspCalls.chargeBody;
import static dev.shop.psp.rest.PspCalls.chargeVisa;
import static dev.shop.psp.rest.PspCalls.counter;
import static dev.shop.psp.rest.PspCalls.ledgerEntry;
import static dev.shop.psp.rest.PspCalls.newReference;
import static dev.shop.psp.rest.PspCalls.setFaults;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/cancellations}: cancel a charge by its idempotency key, whether or not it has been made yet. */
@QuarkusTest
class CancellationResourceTest {

    @AfterEach
    void resetFaults() {
        given().post("/admin/faults/reset").then().statusCode(200);
    }

    @Test
    void cancellingBeforeAnyChargeVoidsTheKeyAndALaterChargeIs409ChargeCancelled() {
        String reference = newReference();

        cancel("cancel-" + reference, reference)
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .body("id", startsWith("cn_"))
                .body("chargeIdempotencyKey", equalTo(reference))
                .body("status", equalTo("voided"))
                .body("charge", nullValue())
                .body("refund", nullValue());

        charge(reference, chargeBody(1299, "pm_card_visa", reference))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("CHARGE_CANCELLED"))
                .body("type", equalTo("https://shop.dev/problems/charge-cancelled"));
        assertNull(ledgerEntry(reference), "nothing charged, nothing recorded");
    }

    @Test
    void chargeHeldByLatencyThatReachesTheLedgerAfterTheCancellationIsRefused() throws Exception {
        String reference = newReference();
        double refusedBefore = counter("psp_charges_refused_total", "code=\"CHARGE_CANCELLED\"");
        double heldBefore = counter("psp_faults_injected_total", "kind=\"latency\"");
        setFaults(1500, 0.0, false);
        CompletableFuture<ValidatableResponse> heldCharge = CompletableFuture.supplyAsync(
                () -> charge(reference, chargeBody(1299, "pm_card_visa", reference)));
        awaitCounterAbove("psp_faults_injected_total", heldBefore, "kind=\"latency\""); // the charge is being held
        setFaults(0, 0.0, false);

        cancel("cancel-" + reference, reference).statusCode(201).body("status", equalTo("voided"));

        heldCharge.get(10, TimeUnit.SECONDS).statusCode(409).body("code", equalTo("CHARGE_CANCELLED"));
        assertNull(ledgerEntry(reference), "the late charge moved no money");
        assertEquals(refusedBefore + 1, counter("psp_charges_refused_total", "code=\"CHARGE_CANCELLED\""));
    }

    @Test
    void cancellingASucceededChargeRefundsItInFull() {
        String reference = newReference();
        String chargeId = chargeVisa(2500, reference);

        cancel("cancel-" + reference, reference)
                .statusCode(201)
                .body("status", equalTo("refunded"))
                .body("charge", equalTo(chargeId))
                .body("refund", startsWith("re_"))
                .body("amountRefundedCents", equalTo(2500));

        Map<String, Object> entry = ledgerEntry(reference);
        assertEquals(2500, entry.get("refundedCents"));
        assertEquals(0, entry.get("netCents"));
        given().get("/v1/charges/" + chargeId).then().body("amountRefundedCents", equalTo(2500));
    }

    @Test
    void cancellingADeclinedChargeHasNothingToCancel() {
        String reference = newReference();
        String declineId = charge(reference, chargeBody(1299, "pm_card_declined", reference)).statusCode(402)
                .extract().path("charge");

        cancel("cancel-" + reference, reference)
                .statusCode(201)
                .body("status", equalTo("nothing_to_cancel"))
                .body("charge", equalTo(declineId))
                .body("refund", nullValue());
        assertEquals(0, ledgerEntry(reference).get("refunds"));
    }

    @Test
    void sameKeySameBodyReplaysAndAnotherBodyIs422() {
        String reference = newReference();
        chargeVisa(700, reference);
        String first = cancel("cancel-" + reference, reference).statusCode(201).extract().path("id");

        cancel("cancel-" + reference, reference)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        cancel("cancel-" + reference, newReference())
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1, ledgerEntry(reference).get("refunds"), "one refund however often it is asked");
    }

    @Test
    void missingKeyOrBlankChargeKeyIs400AndVoidsNothing() {
        String reference = newReference();

        cancel(null, reference)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_MISSING"));
        cancel("cancel-" + reference, " ").statusCode(400).contentType("application/problem+json");

        chargeVisa(100, reference); // the key was not voided
    }

    @Test
    void openApiDescribesCancellations() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/cancellations"))
                .body(containsString("CHARGE_CANCELLED"));
    }

    private static void awaitCounterAbove(String name, double value, String... labels) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter(name, labels) <= value) {
            assertTrue(System.nanoTime() < deadline, name + " stayed at " + value);
            Thread.sleep(20);
        }
    }
}
