package dev.shop.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A payment's life from the facts that reach it in any order (OrderCreated, StockReserved, OrderCancelled) and the
 * PSP's answers. Answers outside the PSP's contract: {@link PaymentUnexpectedAnswersTest}.
 */
@Tag("fast")
class PaymentTest {

    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private final Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aPaymentWithOnlyTheOrderKnownAwaitsTheReservation() {
        Payment payment = Payment.forOrder(ORDER, now);

        payment.orderPlaced("alice", 2_500, "EUR", "pm_card_visa", now);

        assertEquals(PaymentStatus.AWAITING, payment.status());
        assertFalse(payment.isDueAt(now));
    }

    @Test
    void aPaymentWithOnlyTheReservationKnownAwaitsTheAmount() {
        Payment payment = Payment.forOrder(ORDER, now);

        payment.stockReserved(now);

        assertEquals(PaymentStatus.AWAITING, payment.status());
        assertFalse(payment.isDueAt(now));
    }

    @Test
    void orderAndReservationKnownMakeTheChargeDueAtOnceWhicheverCameFirst() {
        Payment orderFirst = Payment.forOrder(ORDER, now);
        orderFirst.orderPlaced("alice", 2_500, "EUR", "pm_card_visa", now);
        orderFirst.stockReserved(now);
        Payment reservationFirst = Payment.forOrder(ORDER, now);
        reservationFirst.stockReserved(now);
        reservationFirst.orderPlaced("alice", 2_500, "EUR", "pm_card_visa", now);

        for (Payment payment : List.of(orderFirst, reservationFirst)) {
            assertEquals(PaymentStatus.PENDING, payment.status());
            assertTrue(payment.isDueAt(now));
        }
    }

    @Test
    void aRepeatedOrderCreatedKeepsWhatTheFirstSaid() {
        Payment payment = Payment.forOrder(ORDER, now);
        payment.orderPlaced("alice", 2_500, "EUR", "pm_card_visa", now);

        payment.orderPlaced("mallory", 1, "USD", "pm_card_other", now);

        assertEquals(2_500, payment.amountCents());
        assertEquals("EUR", payment.currency());
        assertTrue(payment.isOwnedBy("alice"));
        assertFalse(payment.isOwnedBy("mallory"));
    }

    @Test
    void aLeasedChargeIsNotDueAgainUntilTheLeaseRunsOut() {
        Payment payment = due();

        payment.lease(now, LEASE);

        assertEquals(1, payment.attempts());
        assertFalse(payment.isDueAt(now.plus(LEASE).minusMillis(1)));
        assertTrue(payment.isDueAt(now.plus(LEASE)), "the process holding the lease may have died");
    }

    @Test
    void aCapturedChargeCompletesThePayment() {
        Payment payment = chargeSent();

        payment.captured("ch_1", now);

        assertEquals(PaymentStatus.CAPTURED, payment.status());
        assertEquals("ch_1", payment.chargeId());
        assertFalse(payment.isDueAt(now.plus(Duration.ofDays(1))));
        assertEquals(List.of(new PaymentEvent.PaymentCompleted(ORDER, payment.id(), 2_500, "EUR", "ch_1")),
                payment.drainEvents());
    }

    @Test
    void aDeclinedChargeIsFinalAndFailsTheOrder() {
        Payment payment = chargeSent();

        payment.declined("card_declined", now);

        assertEquals(PaymentStatus.DECLINED, payment.status());
        assertEquals("card_declined", payment.failureCode());
        assertFalse(payment.isDueAt(now.plus(Duration.ofDays(1))), "a decline is never retried");
        assertEquals(List.of(new PaymentEvent.PaymentFailed(ORDER, payment.id(), "card_declined")),
                payment.drainEvents());
    }

    @Test
    void anAnswerToAChargeThatIsNotPendingIsRefused() {
        Payment payment = chargeSent();
        payment.captured("ch_1", now);

        assertThrows(IllegalStateException.class, () -> payment.captured("ch_2", now));
        assertThrows(IllegalStateException.class, () -> payment.declined("card_declined", now));
        assertEquals("ch_1", payment.chargeId());
    }

    @Test
    void aPspThatCannotBeReachedIsTriedAgainAfterTheDelay() {
        Payment payment = chargeSent();

        payment.retryAfter(Duration.ofSeconds(5), now);

        assertFalse(payment.isDueAt(now.plusSeconds(4)));
        assertTrue(payment.isDueAt(now.plusSeconds(5)));
        assertEquals(PaymentStatus.PENDING, payment.status());
    }

    @Test
    void cancelledWhileAwaitingItIsCancelledWithNothingToGiveBack() {
        Payment payment = Payment.forOrder(ORDER, now);
        payment.orderPlaced("alice", 2_500, "EUR", "pm_card_visa", now);

        payment.orderCancelled(now);
        payment.stockReserved(now);

        assertEquals(PaymentStatus.CANCELLED, payment.status());
        assertFalse(payment.isDueAt(now), "a reservation after the cancellation charges nothing");
    }

    @Test
    void cancelledBeforeAnyChargeWasSentItIsCancelledAtOnce() {
        Payment payment = due();

        payment.orderCancelled(now);

        assertEquals(PaymentStatus.CANCELLED, payment.status());
        assertFalse(payment.cancelRequested());
        assertFalse(payment.isDueAt(now));
    }

    @Test
    void cancelledAfterAChargeWasSentTheChargeIsCancelledAtThePsp() {
        Payment payment = chargeSent();
        Instant leaseOver = now.plus(LEASE);

        payment.orderCancelled(leaseOver);

        assertEquals(PaymentStatus.PENDING, payment.status());
        assertTrue(payment.cancelRequested());
        assertTrue(payment.isDueAt(leaseOver));
    }

    @Test
    void cancelledWhileTheChargeCallIsInFlightTheCallFinishesFirst() {
        Payment payment = chargeSent();

        payment.orderCancelled(now.plusSeconds(1));

        assertTrue(payment.cancelRequested());
        assertFalse(payment.isDueAt(now.plusSeconds(1)), "the lease of the call in flight still runs");
        assertTrue(payment.isDueAt(now.plus(LEASE)));
    }

    @Test
    void aCaptureThatLandsAfterTheCancellationIsRefundedWithoutCompletingTheOrder() {
        Payment payment = chargeSent();
        payment.orderCancelled(now);

        payment.captured("ch_1", now);

        assertEquals(PaymentStatus.REFUND_PENDING, payment.status());
        assertTrue(payment.isDueAt(now));
        assertEquals(List.of(), payment.drainEvents());
    }

    @Test
    void aCancellationVoidedAtThePspBeforeAnyMoneyMovedEndsCancelled() {
        Payment payment = chargeSent();
        payment.orderCancelled(now);

        payment.cancelledWithoutCharge(now);

        assertEquals(PaymentStatus.CANCELLED, payment.status());
        assertFalse(payment.isDueAt(now.plus(Duration.ofDays(1))));
        assertEquals(List.of(), payment.drainEvents());
    }

    @Test
    void aChargeRefusedBecauseItsKeyWasVoidedIsLeftToTheCancellation() {
        Payment payment = chargeSent();

        payment.chargeRefusedAsCancelled(now);

        assertEquals(PaymentStatus.PENDING, payment.status());
        assertTrue(payment.cancelRequested());
        assertTrue(payment.isDueAt(now));
    }

    @Test
    void cancelledAfterTheCaptureTheMoneyGoesBack() {
        Payment payment = captured();

        payment.orderCancelled(now);

        assertEquals(PaymentStatus.REFUND_PENDING, payment.status());
        assertTrue(payment.isDueAt(now));
    }

    @Test
    void aRefundEndsThePaymentAndTellsTheOrder() {
        Payment payment = captured();
        payment.orderCancelled(now);

        payment.refunded("ch_1", now);

        assertEquals(PaymentStatus.REFUNDED, payment.status());
        assertFalse(payment.isDueAt(now.plus(Duration.ofDays(1))));
        assertEquals(List.of(new PaymentEvent.PaymentRefunded(ORDER, payment.id(), 2_500, "ch_1")),
                payment.drainEvents());
    }

    @Test
    void aCapturedPaymentOfAnOrderThatWasNotCancelledIsNeverRefunded() {
        Payment payment = captured();

        assertThrows(IllegalStateException.class, () -> payment.refunded("ch_1", now));
        assertEquals(PaymentStatus.CAPTURED, payment.status());
    }

    @Test
    void aDeclinedPaymentHasNothingToGiveBackWhenTheOrderIsCancelled() {
        Payment payment = chargeSent();
        payment.declined("card_declined", now);

        payment.orderCancelled(now);

        assertEquals(PaymentStatus.DECLINED, payment.status());
        assertFalse(payment.isDueAt(now.plus(Duration.ofDays(1))));
    }

    @Test
    void aPaymentStillWaitingForItsChargeIsPastItsDeadlineOnlyOnceTheDeadlineHasPassed() {
        Payment awaiting = Payment.forOrder(ORDER, now);
        awaiting.orderPlaced("alice", 2_500, "EUR", "pm_card_visa", now);
        Payment retrying = chargeSent();
        retrying.retryAfter(Duration.ofSeconds(30), now);

        for (Payment payment : List.of(awaiting, due(), retrying)) {
            assertFalse(payment.isPastDeadline(now.plus(DEADLINE), DEADLINE), payment.status() + " too early");
            assertTrue(payment.isPastDeadline(now.plus(DEADLINE).plusMillis(1), DEADLINE), payment.status().name());
        }
    }

    @Test
    void aPaymentBeingCancelledCapturedRefundedOrFinalIsNeverPastItsDeadline() {
        Payment cancelling = chargeSent();
        cancelling.orderCancelled(now);
        Payment refunding = captured();
        refunding.orderCancelled(now);
        Payment cancelled = due();
        cancelled.orderCancelled(now);
        Payment declined = chargeSent();
        declined.declined("card_declined", now);

        for (Payment payment : List.of(cancelling, captured(), refunding, cancelled, declined)) {
            assertFalse(payment.isPastDeadline(now.plus(Duration.ofDays(1)), DEADLINE),
                    payment.status() + (payment.cancelRequested() ? ", being cancelled" : ""));
        }
    }

    @Test
    void aPaymentGivenUpAtItsDeadlineEndsAsAnOrderCancelledWouldEndIt() {
        Payment neverSent = due();
        Payment maybeSent = chargeSent();
        maybeSent.retryAfter(Duration.ofSeconds(30), now);
        Instant late = now.plus(DEADLINE).plusSeconds(1);

        neverSent.orderCancelled(late);
        maybeSent.orderCancelled(late);

        assertEquals(PaymentStatus.CANCELLED, neverSent.status());
        assertFalse(neverSent.isPastDeadline(late, DEADLINE), "given up once");
        assertEquals(PaymentStatus.PENDING, maybeSent.status());
        assertTrue(maybeSent.cancelRequested(), "cancelled at the PSP by its key");
        assertTrue(maybeSent.isDueAt(late), "the cancellation is due at once");
        assertFalse(maybeSent.isPastDeadline(late, DEADLINE), "given up once");
    }

    @Test
    void aTraceIsKeptUntilAnotherReplacesIt() {
        Payment payment = Payment.forOrder(ORDER, now);
        assertNull(payment.traceparent());

        payment.tracedBy("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        payment.tracedBy(null);

        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", payment.traceparent());
    }

    private Payment due() {
        Payment payment = Payment.forOrder(ORDER, now);
        payment.orderPlaced("alice", 2_500, "EUR", "pm_card_visa", now);
        payment.stockReserved(now);
        return payment;
    }

    private Payment chargeSent() {
        Payment payment = due();
        payment.lease(now, LEASE);
        return payment;
    }

    private Payment captured() {
        Payment payment = chargeSent();
        payment.captured("ch_1", now);
        payment.drainEvents();
        return payment;
    }
}
