package dev.shop.payments.service;

import static dev.shop.payments.PaymentOutputs.WITHIN;
import static dev.shop.payments.PaymentOutputs.publishedTypes;
import static dev.shop.payments.SagaInputs.alice;
import static dev.shop.payments.SagaInputs.deliver;
import static dev.shop.payments.SagaInputs.orderCancelled;
import static dev.shop.payments.SagaInputs.orderCreated;
import static dev.shop.payments.SagaInputs.reservedOrder;
import static dev.shop.payments.SagaInputs.stockReserved;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.payments.domain.Payment;
import dev.shop.payments.domain.PaymentStatus;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.stack.testing.Await;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The race of ADR 0011: an order is cancelled while its charge is still being worked on at the PSP, after the
 * client gave up on it. The late charge must not leave money captured for a cancelled order.
 *
 * <p>How the race is staged with the real psp-simulator: the first charge request is held in the simulator's
 * latency (injected before the ledger sees the request) for longer than payment-service waits for it; the client's
 * retries meet an outage and fail fast, so the charge call ends with "no answer" while the first request is still
 * held. The outage is lifted only after that, so the cancellation reaches the PSP before the held charge does.
 * Before ADR 0011 (a look-up of the order's charges, then a refund of what was found) this ended with the payment
 * CANCELLED and the late charge captured at the PSP.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class CancelDuringChargeTest {

    /** How long the simulator holds the first charge request: well past the client's whole charge call. */
    private static final Duration HELD_CHARGE = Duration.ofSeconds(9);
    /** Timeout 3 s, then two retries that meet the outage: the charge call has given up by then. */
    private static final Duration CHARGE_CALL_GIVEN_UP = Duration.ofMillis(4500);

    @Inject
    PaymentRepository payments;

    @Test
    void orderCancelledWhileTheChargeIsHeldAtThePspEndsWithNoMoneyCaptured() {
        UUID orderId;
        double refusedBefore = pspCounter("psp_charges_refused_total", "code=\"CHARGE_CANCELLED\"");
        try {
            double heldBefore = pspCounter("psp_faults_injected_total", "kind=\"latency\"");
            PspSimulator.faults(HELD_CHARGE.toMillis(), 0.0, false);
            orderId = reservedOrder(1750, "pm_card_visa");
            Await.until(WITHIN, () -> attempts(orderId) >= 1, () -> "the charge was never sent");
            Await.until(WITHIN, () -> pspCounter("psp_faults_injected_total", "kind=\"latency\"") > heldBefore,
                    () -> "the charge request was never held by the PSP"); // counted on arrival, before the ledger
            long chargeHeldSince = System.nanoTime();
            PspSimulator.faults(0, 0.0, true); // the client's retries fail fast, the first request stays held

            deliver(orderCancelled(orderId, "CUSTOMER_CANCELLED"));
            sleepUntil(chargeHeldSince, CHARGE_CALL_GIVEN_UP);
        } finally {
            PspSimulator.resetFaults();
        }

        Await.until(WITHIN, () -> isFinal(status(orderId)), () -> "payment is " + status(orderId));
        Await.until(WITHIN, () -> PspSimulator.ledgerEntry(orderId.toString()) != null
                || pspCounter("psp_charges_refused_total", "code=\"CHARGE_CANCELLED\"") > refusedBefore,
                () -> "the held charge never reached the PSP's ledger"); // charged, or refused as cancelled

        Map<String, Object> entry = PspSimulator.ledgerEntry(orderId.toString());
        long netCents = entry == null ? 0 : ((Number) entry.get("netCents")).longValue();
        assertEquals(0, netCents, "money left captured at the PSP for a cancelled order: " + entry);
        assertTrue(Set.of(PaymentStatus.CANCELLED, PaymentStatus.REFUNDED).contains(status(orderId)),
                "payment is " + status(orderId));
    }

    @Test
    void chargeRefusedAsCancelledByThePspIsLeftToTheCancelPathAndCapturesNothing() {
        UUID orderId = UUID.randomUUID();
        // Only payment-service's own cancel path voids an order's key; done here by hand, before the charge is made.
        given().baseUri(PspSimulator.url()).port(-1).contentType("application/json")
                .header("Idempotency-Key", "by-hand-" + orderId)
                .body("{\"chargeIdempotencyKey\": \"" + orderId + "\"}")
                .when().post("/v1/cancellations").then().statusCode(201).body("status", equalTo("voided"));

        deliver(orderCreated(orderId, alice(), 990, "pm_card_visa"));
        deliver(stockReserved(orderId));

        Await.until(WITHIN, () -> status(orderId) == PaymentStatus.CANCELLED, () -> "payment is " + status(orderId));
        assertNull(PspSimulator.ledgerEntry(orderId.toString()), "nothing charged");
        assertEquals(List.of(), publishedTypes(orderId), "neither completed nor failed");
    }

    /** A counter of the simulator's, e.g. requests it has started to delay. */
    private static double pspCounter(String name, String label) {
        String metrics = given().baseUri(PspSimulator.url()).port(-1).when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return PrometheusText.sum(metrics, name, label);
    }

    private int attempts(UUID orderId) {
        return payment(orderId).map(Payment::attempts).orElse(0);
    }

    private PaymentStatus status(UUID orderId) {
        return payment(orderId).map(Payment::status).orElse(null);
    }

    private Optional<Payment> payment(UUID orderId) {
        return QuarkusTransaction.requiringNew().call(() -> payments.findByOrder(orderId));
    }

    private static boolean isFinal(PaymentStatus status) {
        return status != null && !status.isDue() && status != PaymentStatus.AWAITING;
    }

    private static void sleepUntil(long startNanos, Duration after) {
        long remainingMillis = (startNanos + after.toNanos() - System.nanoTime()) / 1_000_000;
        if (remainingMillis > 0) {
            try {
                Thread.sleep(remainingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
