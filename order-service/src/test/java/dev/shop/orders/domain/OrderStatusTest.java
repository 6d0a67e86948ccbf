package dev.shop.orders.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class OrderStatusTest {

    @Test
    void theSagaIsStillRunningOnlyWhilePendingOrStockReserved() {
        List<OrderStatus> open = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isOpen).toList();

        assertEquals(List.of(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED), open);
    }
}
