package dev.shop.orders.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class OrderLineTest {

    private static final UUID BOOK = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

    @Test
    void aLineCostsItsUnitPriceTimesItsQuantity() {
        assertEquals(3_750, new OrderLine(BOOK, 3, 1_250).totalCents());
    }

    @Test
    void aFreeProductMayBeOrdered() {
        assertEquals(0, new OrderLine(BOOK, 2, 0).totalCents());
    }

    @Test
    void aQuantityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OrderLine(BOOK, 0, 1_250));
        assertThrows(IllegalArgumentException.class, () -> new OrderLine(BOOK, -1, 1_250));
    }

    @Test
    void aNegativePriceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OrderLine(BOOK, 1, -1));
    }

    @Test
    void aLineTotalBeyondWhatCentsCanCountIsRefusedInsteadOfOverflowing() {
        assertThrows(ArithmeticException.class, () -> new OrderLine(BOOK, 2, Long.MAX_VALUE).totalCents());
    }
}
