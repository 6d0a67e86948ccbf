package dev.shop.inventory.reservation;

import java.util.List;
import java.util.UUID;

/** Inventory's saga events ({@code inventory.events}, key = order id) and the order events it reads. */
public final class ReservationEvents {

    public static final String TOPIC = "inventory.events";
    public static final String STOCK_RESERVED = "shop.inventory.stock-reserved.v1";
    public static final String STOCK_REJECTED = "shop.inventory.stock-rejected.v1";
    public static final String STOCK_RELEASED = "shop.inventory.stock-released.v1";
    public static final String STOCK_COMMITTED = "shop.inventory.stock-committed.v1";

    private ReservationEvents() {
    }

    public record Line(UUID productId, int quantity) {
    }

    /** Every line is held for the order; payment may charge. */
    public record StockReserved(UUID orderId, List<Line> lines) {
    }

    /** Not enough stock of these products (or unknown ones): the order is cancelled with OUT_OF_STOCK. */
    public record StockRejected(UUID orderId, List<UUID> productIds) {
    }

    public record StockReleased(UUID orderId, List<Line> lines) {
    }

    public record StockCommitted(UUID orderId, List<Line> lines) {
    }

    /** The parts of order-service's events inventory needs (tolerant reader). */
    public record OrderCreated(UUID orderId, List<Line> lines) {
    }

    public record OrderRef(UUID orderId) {
    }
}
