package dev.shop.payments.service;

import static dev.shop.payments.PaymentOutputs.WITHIN;
import static dev.shop.payments.PaymentOutputs.awaitPublished;
import static dev.shop.payments.PaymentOutputs.payment;
import static dev.shop.payments.PaymentOutputs.publishedTypes;
import static dev.shop.payments.SagaInputs.alice;
import static dev.shop.payments.SagaInputs.deliver;
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
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.payments.config.PaymentConfig;
import dev.shop.payments.domain.Payment;
import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.stack.testing.Await;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestKafka;
import dev.shop.stack.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * ADR 0021: a payment still waiting for its charge {@code shop.payments.deadline} (seconds in tests) after it was
 * created, whose OrderCancelled never comes, is given up as that OrderCancelled would give it up; a captured one is
 * left alone. The three payments are staged together once, so the class waits for one deadline, not three: one
 * captured first, then, during a PSP outage, one retrying its charge and one that knows only its order.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class PaymentDeadlineTest {

    /** payment-service's consumer group on orders.events and inventory.events. */
    private static final String CONSUMER_GROUP = "payment-service";

    /** The orders of the three payments, and the counter before them; staged by the first test that runs. */
    private record Staged(UUID captured, UUID retrying, UUID awaiting, double expiredBefore) {
    }

    private static Staged staged;
    /** Why staging failed, if it did: the other tests fail with it at once instead of staging again. */
    private static AssertionError stagingFailed;

    @Inject
    PaymentConfig config;

    @Inject
    PaymentRepository payments;

    @BeforeEach
    void stageOnce() {
        if (stagingFailed != null) {
            throw stagingFailed;
        }
        if (staged == null) {
            try {
                staged = stage();
            } catch (AssertionError e) {
                stagingFailed = e;
                throw e;
            }
        }
    }

    @Test
    void aPaymentRetryingWhileThePspIsDownIsCancelledAtThePspAfterTheDeadlineAndNeverCharged() {
        UUID order = staged.retrying();

        payment(order, Tokens.alice()).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(List.of(), PspSimulator.charges(order.toString()), "charged at the PSP");
        assertNull(PspSimulator.ledgerEntry(order.toString()), "nothing charged");
        // cancelled at the PSP by its key (ADR 0011): a charge arriving late is refused
        given().baseUri(PspSimulator.url()).port(-1).contentType(ContentType.JSON)
                .header("Idempotency-Key", order.toString())
                .body("""
                        {"amountCents": 3700, "currency": "EUR", "paymentMethod": "pm_card_visa", "reference": "%s"}"""
                        .formatted(order))
                .when().post("/v1/charges").then().statusCode(409).body("code", equalTo("CHARGE_CANCELLED"));
        assertEquals(List.of(), publishedTypes(order), "neither completed nor failed");
        assertTrue(expiredCount() >= staged.expiredBefore() + 2, "shop_payments_expired_total counted both");
    }

    @Test
    void aPaymentAwaitingItsReservationIsCancelledAfterTheDeadlineAndALateReservationChargesNothing() {
        UUID order = staged.awaiting();

        TestKafka.awaitConsumed(CONSUMER_GROUP, deliver(stockReserved(order)), WITHIN);

        payment(order, Tokens.alice()).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(List.of(), PspSimulator.charges(order.toString()), "charged at the PSP");
        assertEquals(0, stored(order).attempts(), "the processor never took it");
        assertEquals(List.of(), publishedTypes(order));
    }

    @Test
    void aCapturedPaymentIsLeftAlonePastTheDeadline() {
        UUID order = staged.captured();

        // older than the two given up: the sweeps that gave them up saw it past its deadline too
        assertTrue(stored(order).createdAt().isBefore(stored(staged.awaiting()).createdAt()));
        payment(order, Tokens.alice()).then().statusCode(200).body("status", equalTo("CAPTURED"));
        assertEquals(2100, PspSimulator.ledgerEntry(order.toString()).get("netCents"), "refunded");
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_COMPLETED), publishedTypes(order));
    }

    /**
     * A payment captured, then during a PSP outage one PENDING and retrying and one AWAITING (OrderCreated only); no
     * OrderCancelled for any of them. Waits until the deadline gave up the two waiting ones, then ends the outage and
     * waits until the retrying one was cancelled at the PSP.
     */
    private Staged stage() {
        double expiredBefore = expiredCount();
        UUID captured = reservedOrder(2100, "pm_card_visa");
        awaitPublished(captured, PaymentEventPublisher.PAYMENT_COMPLETED);

        UUID retrying;
        UUID awaiting = UUID.randomUUID();
        PspSimulator.faults(0, 0.0, true);
        try {
            retrying = reservedOrder(3700, "pm_card_visa");
            deliver(orderCreated(awaiting, alice(), 1200, "pm_card_visa"));
            Await.until(WITHIN, () -> attempts(retrying) >= 2, () -> "the charge was not retried");
            payment(retrying, Tokens.alice()).then().statusCode(200).body("status", equalTo("PENDING"));
            Await.until(WITHIN, () -> payment(awaiting, Tokens.alice()).statusCode() == 200,
                    () -> "OrderCreated not applied");
            payment(awaiting, Tokens.alice()).then().body("status", equalTo("AWAITING"));

            Duration pastDeadline = config.deadline().plus(WITHIN);
            Await.until(pastDeadline, () -> "CANCELLED".equals(status(awaiting)),
                    () -> "awaiting payment is " + status(awaiting));
            Await.until(pastDeadline, () -> givenUpWithNoChargeInFlight(retrying),
                    () -> "retrying payment is " + status(retrying) + ", cancel requested: "
                            + stored(retrying).cancelRequested());
        } finally {
            PspSimulator.resetFaults();
        }
        // its next attempt, at most max-backoff away, is the cancellation at the PSP
        Await.until(config.maxBackoff().plus(WITHIN), () -> "CANCELLED".equals(status(retrying)),
                () -> "retrying payment is " + status(retrying));
        return new Staged(captured, retrying, awaiting, expiredBefore);
    }

    /**
     * Given up (being cancelled at the PSP) and not leased: a charge call leased before it was given up has ended,
     * so whatever the processor sends once the PSP is back is the cancellation. A lease puts the next attempt
     * {@code shop.payments.lease} (30 s) ahead, a retry at most {@code shop.payments.max-backoff} (5 s in tests).
     */
    private boolean givenUpWithNoChargeInFlight(UUID order) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) payments.getEntityManager().createNativeQuery("""
                select cancel_requested
                       and (next_attempt_at is null or next_attempt_at < now() + ?2 * interval '1 second')
                from payment where order_id = ?1
                """)
                .setParameter(1, order)
                .setParameter(2, config.maxBackoff().plusSeconds(1).toSeconds())
                .getSingleResult());
    }

    private Payment stored(UUID order) {
        return QuarkusTransaction.requiringNew().call(() -> payments.findByOrder(order)).orElseThrow();
    }

    private int attempts(UUID order) {
        return QuarkusTransaction.requiringNew().call(() -> payments.findByOrder(order)).map(Payment::attempts)
                .orElse(0);
    }

    private String status(UUID order) {
        return stored(order).status().name();
    }

    private static double expiredCount() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "shop_payments_expired_total");
    }
}
