package dev.shop.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The payment's rules for answers outside the PSP's contract (ADR 0015), without any infrastructure. */
@Tag("fast")
class PaymentUnexpectedAnswersTest {

    private static final int MAX = 3;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Instant now = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void chargeAnsweredUnexpectedlyFailsTheOrderAndCancelsTheChargeAtOnce() {
        Payment payment = chargeSent();

        payment.answeredUnexpectedly(MAX, RETRY, now);

        assertEquals(List.of(new PaymentEvent.PaymentFailed(payment.orderId(), payment.id(), Payment.UNEXPECTED_ANSWER)),
                payment.drainEvents());
        assertEquals(PaymentStatus.PENDING, payment.status());
        assertTrue(payment.cancelRequested(), "the charge is cancelled at the PSP by its key");
        assertTrue(payment.isDueAt(now), "at once");
        assertEquals(Payment.UNEXPECTED_ANSWER, payment.failureCode());
    }

    @Test
    void cancellationAnsweredUnexpectedlyIsRetriedLaterUntilTheBoundThenLeftForReview() {
        Payment payment = chargeSent();
        payment.answeredUnexpectedly(MAX, RETRY, now);
        payment.drainEvents();

        payment.lease(now, LEASE);
        payment.answeredUnexpectedly(MAX, RETRY, now);
        assertFalse(payment.isDueAt(now.plus(RETRY).minusMillis(1)));
        assertTrue(payment.isDueAt(now.plus(RETRY)));
        assertEquals(PaymentStatus.PENDING, payment.status());

        payment.lease(now, LEASE);
        payment.answeredUnexpectedly(MAX, RETRY, now);

        assertEquals(PaymentStatus.NEEDS_REVIEW, payment.status());
        assertEquals(MAX, payment.unexpectedAnswers());
        assertFalse(payment.isDueAt(now.plus(Duration.ofDays(365))), "never called again");
        assertEquals(List.of(), payment.drainEvents(), "the order was failed once, by the charge's answer");
    }

    @Test
    void chargeAnsweredUnexpectedlyAfterTheOrderWasCancelledPublishesNothing() {
        Payment payment = chargeSent();
        payment.orderCancelled(now); // the charge call was in flight

        payment.answeredUnexpectedly(MAX, RETRY, now);

        assertEquals(List.of(), payment.drainEvents(), "the order is cancelled already");
        assertTrue(payment.cancelRequested());
    }

    @Test
    void refundAnsweredUnexpectedlyIsRetriedThenLeftForReviewWithoutAnyEvent() {
        Payment payment = chargeSent();
        payment.captured("ch_1", now);
        payment.orderCancelled(now);
        payment.drainEvents();

        for (int answer = 1; answer <= MAX; answer++) {
            assertEquals(PaymentStatus.REFUND_PENDING, payment.status());
            payment.lease(now, LEASE);
            payment.answeredUnexpectedly(MAX, RETRY, now);
        }

        assertEquals(PaymentStatus.NEEDS_REVIEW, payment.status());
        assertEquals(List.of(), payment.drainEvents());
        payment.orderCancelled(now);
        assertEquals(PaymentStatus.NEEDS_REVIEW, payment.status(), "a late cancellation changes nothing");
    }

    /** A payment whose charge PaymentProcessor has just sent. */
    private Payment chargeSent() {
        Payment payment = Payment.forOrder(UUID.randomUUID(), now);
        payment.orderPlaced("alice", 1299, "EUR", "pm_card_visa", now);
        payment.stockReserved(now);
        payment.lease(now, LEASE);
        return payment;
    }
}
