package dev.shop.inventory.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an order's reservation may still do with the units it holds. Whether there are enough units to reserve is
 * decided under row locks in the database ({@code StockReservations}, tested with the real one).
 */
@Tag("fast")
class StockReservationTest {

    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BOOK = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aReservationHoldsItsLinesForItsOrder() {
        StockReservation reservation = reserved(new ReservationLine(BOOK, 2));

        assertEquals(ORDER, reservation.orderId());
        assertEquals(ReservationStatus.RESERVED, reservation.status());
        assertEquals(List.of(BOOK), reservation.lines().stream().map(ReservationLine::productId).toList());
        assertEquals(List.of(2), reservation.lines().stream().map(ReservationLine::quantity).toList());
    }

    @Test
    void itsLinesAreItsOwn() {
        List<ReservationLine> lines = new ArrayList<>(List.of(new ReservationLine(BOOK, 2)));
        StockReservation reservation = StockReservation.reserved(ORDER, lines, NOW);

        lines.clear();

        assertEquals(1, reservation.lines().size());
        assertThrows(UnsupportedOperationException.class, () -> reservation.lines().clear());
    }

    @Test
    void aConfirmedOrderSellsTheHeldUnits() {
        StockReservation reservation = reserved(new ReservationLine(BOOK, 2));

        assertTrue(reservation.commit(NOW));
        assertEquals(ReservationStatus.COMMITTED, reservation.status());
    }

    @Test
    void aCancelledOrderPutsTheHeldUnitsBack() {
        StockReservation reservation = reserved(new ReservationLine(BOOK, 2));

        assertTrue(reservation.release(NOW));
        assertEquals(ReservationStatus.RELEASED, reservation.status());
    }

    @Test
    void unitsAreSoldOnceAndPutBackOnce() {
        StockReservation sold = reserved(new ReservationLine(BOOK, 2));
        sold.commit(NOW);
        StockReservation putBack = reserved(new ReservationLine(BOOK, 2));
        putBack.release(NOW);

        assertFalse(sold.commit(NOW));
        assertFalse(putBack.release(NOW));
    }

    @Test
    void soldUnitsNeverGoBackOnTheShelf() {
        StockReservation reservation = reserved(new ReservationLine(BOOK, 2));
        reservation.commit(NOW);

        assertFalse(reservation.release(NOW));
        assertEquals(ReservationStatus.COMMITTED, reservation.status());
    }

    @Test
    void unitsPutBackAreNeverSold() {
        StockReservation reservation = reserved(new ReservationLine(BOOK, 2));
        reservation.release(NOW);

        assertFalse(reservation.commit(NOW));
        assertEquals(ReservationStatus.RELEASED, reservation.status());
    }

    @Test
    void aRejectedReservationHoldsNothingToSellOrPutBack() {
        StockReservation reservation = StockReservation.rejected(ORDER, NOW);

        assertEquals(List.of(), reservation.lines());
        assertFalse(reservation.commit(NOW));
        assertFalse(reservation.release(NOW));
        assertEquals(ReservationStatus.REJECTED, reservation.status());
    }

    @Test
    void anOrderCancelledBeforeItsReservationHoldsNothingAndStaysReleased() {
        StockReservation reservation = StockReservation.releasedBeforeReserved(ORDER, NOW);

        assertEquals(List.of(), reservation.lines());
        assertEquals(ReservationStatus.RELEASED, reservation.status());
        assertFalse(reservation.commit(NOW));
    }

    private static StockReservation reserved(ReservationLine... lines) {
        return StockReservation.reserved(ORDER, List.of(lines), NOW);
    }
}
