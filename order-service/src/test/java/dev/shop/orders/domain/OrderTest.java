package dev.shop.orders.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The order aggregate's life cycle: placing, the saga's steps, the refused transitions and the timeline. */
@Tag("fast")
class OrderTest {

    private static final Instant PLACED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration SAGA_DEADLINE = Duration.ofMinutes(5);
    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BOOK = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID PEN = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

    @Test
    void placingComputesTheTotalFromTheLinesPricedAtOrderTime() {
        Order order = place(new OrderLine(BOOK, 2, 1_250), new OrderLine(PEN, 3, 199));

        assertEquals(3_097, order.totalCents());
        assertEquals(2, order.lines().size());
    }

    @Test
    void aPlacedOrderIsPendingAndOwnedByItsCustomer() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));

        assertEquals(OrderStatus.PENDING, order.status());
        assertTrue(order.isOwnedBy("alice"));
        assertFalse(order.isOwnedBy("bob"));
        assertEquals(PLACED, order.createdAt());
    }

    @Test
    void placingRecordsOrderCreatedWithWhatInventoryAndPaymentNeed() {
        Order order = place(new OrderLine(BOOK, 2, 1_250));

        assertEquals(List.of(new OrderEvent.OrderCreated(ORDER, "alice",
                List.of(new OrderEvent.OrderCreated.Line(BOOK, 2, 1_250)), 2_500, "EUR", "pm_card_visa")),
                order.drainEvents());
    }

    @Test
    void anOrderWithoutLinesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Order.place(ORDER, "alice", List.of(), "EUR",
                "pm_card_visa", PLACED, SAGA_DEADLINE));
    }

    @Test
    void aTotalBeyondWhatCentsCanCountIsRefusedInsteadOfOverflowing() {
        OrderLine huge = new OrderLine(BOOK, 1, Long.MAX_VALUE);

        assertThrows(ArithmeticException.class, () -> place(huge, new OrderLine(PEN, 1, 1)));
    }

    @Test
    void reservedStockMovesAPendingOrderOn() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));

        assertTrue(order.reserveStock(PLACED.plusSeconds(1)));
        assertEquals(OrderStatus.STOCK_RESERVED, order.status());
    }

    @Test
    void aRepeatedReservationChangesNothingButIsNoted() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.reserveStock(PLACED.plusSeconds(1));

        assertFalse(order.reserveStock(PLACED.plusSeconds(2)));
        assertEquals(OrderStatus.STOCK_RESERVED, order.status());
        assertEquals("reported while STOCK_RESERVED: no change", order.timeline().getLast().detail());
    }

    @Test
    void aCompletedPaymentConfirmsAReservedOrderAndInventoryLearnsIt() {
        Order order = place(new OrderLine(BOOK, 2, 1_250));
        order.reserveStock(PLACED.plusSeconds(1));
        order.drainEvents();

        assertTrue(order.confirm(PLACED.plusSeconds(2), "charge ch_1"));
        assertEquals(OrderStatus.CONFIRMED, order.status());
        assertEquals(List.of(new OrderEvent.OrderConfirmed(ORDER, 2_500, "EUR")), order.drainEvents());
    }

    @Test
    void aPaymentReportedBeforeTheReservationStillConfirms() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));

        assertTrue(order.confirm(PLACED.plusSeconds(1), "charge ch_1"));
        assertEquals(OrderStatus.CONFIRMED, order.status());
    }

    @Test
    void aReservationReportedAfterTheConfirmationLeavesTheOrderConfirmed() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.confirm(PLACED.plusSeconds(1), "charge ch_1");

        assertFalse(order.reserveStock(PLACED.plusSeconds(2)));
        assertEquals(OrderStatus.CONFIRMED, order.status());
    }

    @Test
    void aConfirmedOrderCannotBeCancelled() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.confirm(PLACED.plusSeconds(1), "charge ch_1");
        order.drainEvents();

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> order.cancel(CancelReason.CUSTOMER_CANCELLED, PLACED.plusSeconds(2), null));
        assertEquals(OrderStatus.CONFIRMED, refused.from());
        assertEquals(OrderStatus.CONFIRMED, order.status());
        assertEquals(List.of(), order.drainEvents(), "nothing to release or refund");
    }

    @ParameterizedTest
    @EnumSource(CancelReason.class)
    void cancellingAnOpenOrderKeepsItsReasonAndTellsInventoryAndPayment(CancelReason reason) {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.drainEvents();

        assertTrue(order.cancel(reason, PLACED.plusSeconds(1), null));
        assertEquals(OrderStatus.CANCELLED, order.status());
        assertEquals(reason, order.cancelReason());
        assertEquals(List.of(new OrderEvent.OrderCancelled(ORDER, reason)), order.drainEvents());
    }

    @Test
    void anOrderWithReservedStockCanStillBeCancelled() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.reserveStock(PLACED.plusSeconds(1));

        assertTrue(order.cancel(CancelReason.PAYMENT_DECLINED, PLACED.plusSeconds(2), "card declined"));
        assertEquals(OrderStatus.CANCELLED, order.status());
    }

    @Test
    void aSecondCancellationKeepsTheFirstReasonAndPublishesNothing() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.cancel(CancelReason.OUT_OF_STOCK, PLACED.plusSeconds(1), null);
        order.drainEvents();

        assertFalse(order.cancel(CancelReason.TIMEOUT, PLACED.plusSeconds(2), null));
        assertEquals(CancelReason.OUT_OF_STOCK, order.cancelReason());
        assertEquals(List.of(), order.drainEvents());
    }

    @Test
    void aPaymentReportedAfterTheCancellationDoesNotConfirm() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.cancel(CancelReason.TIMEOUT, PLACED.plusSeconds(1), null);
        order.drainEvents();

        assertFalse(order.confirm(PLACED.plusSeconds(2), "charge ch_1"));
        assertEquals(OrderStatus.CANCELLED, order.status());
        assertEquals(List.of(), order.drainEvents());
    }

    @Test
    void theTimelineListsEachStepInOrderWithItsTime() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.reserveStock(PLACED.plusSeconds(1));
        order.confirm(PLACED.plusSeconds(2), "charge ch_1");

        assertEquals(List.of("ORDER_PLACED", "STOCK_RESERVED", "PAYMENT_COMPLETED", "CONFIRMED"),
                order.timeline().stream().map(TimelineStep::step).toList());
        assertEquals(List.of(PLACED, PLACED.plusSeconds(1), PLACED.plusSeconds(2), PLACED.plusSeconds(2)),
                order.timeline().stream().map(TimelineStep::at).toList());
        assertEquals("charge ch_1", order.timeline().get(2).detail());
        assertEquals(PLACED.plusSeconds(2), order.updatedAt());
    }

    @Test
    void theCancellationStepSaysWhyAndWhatHappened() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));

        order.cancel(CancelReason.OUT_OF_STOCK, PLACED.plusSeconds(1), "not enough stock of [" + BOOK + "]");

        TimelineStep cancelled = order.timeline().getLast();
        assertEquals("CANCELLED", cancelled.step());
        assertEquals("OUT_OF_STOCK: not enough stock of [" + BOOK + "]", cancelled.detail());
    }

    @Test
    void aNoteIsAddedToTheTimelineWithoutChangingTheOrder() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.cancel(CancelReason.CUSTOMER_CANCELLED, PLACED.plusSeconds(1), null);

        order.note("PAYMENT_REFUNDED", PLACED.plusSeconds(2), "1250 cents refunded");

        assertEquals("PAYMENT_REFUNDED", order.timeline().getLast().step());
        assertEquals(OrderStatus.CANCELLED, order.status());
    }

    @Test
    void anOpenOrderIsOverdueOnlyAfterItsSagaDeadline() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));

        assertEquals(PLACED.plus(SAGA_DEADLINE), order.deadlineAt());
        assertFalse(order.isOverdue(PLACED.plus(SAGA_DEADLINE)));
        assertTrue(order.isOverdue(PLACED.plus(SAGA_DEADLINE).plusMillis(1)));
    }

    @Test
    void aFinishedOrderIsNeverOverdue() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));
        order.confirm(PLACED.plusSeconds(1), "charge ch_1");

        assertFalse(order.isOverdue(PLACED.plus(Duration.ofDays(1))));
    }

    @Test
    void drainingTheEventsHandsEachOverOnce() {
        Order order = place(new OrderLine(BOOK, 1, 1_250));

        assertEquals(1, order.drainEvents().size());
        assertEquals(List.of(), order.pendingEvents());
        assertEquals(List.of(), order.drainEvents());
    }

    private static Order place(OrderLine... lines) {
        return Order.place(ORDER, "alice", List.of(lines), "EUR", "pm_card_visa", PLACED, SAGA_DEADLINE);
    }
}
