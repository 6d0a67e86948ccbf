package dev.shop.orders.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order, priced at order time (the price is a snapshot: later catalog changes do not alter it). */
@Embeddable
public class OrderLine {

    @Column(name = "product_id", nullable = false)
    private UUID productId;

    @Column(nullable = false)
    private int quantity;

    @Column(name = "unit_price_cents", nullable = false)
    private long unitPriceCents;

    protected OrderLine() {
    }

    public OrderLine(UUID productId, int quantity, long unitPriceCents) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (unitPriceCents < 0) {
            throw new IllegalArgumentException("price must not be negative");
        }
        this.productId = productId;
        this.quantity = quantity;
        this.unitPriceCents = unitPriceCents;
    }

    public UUID productId() {
        return productId;
    }

    public int quantity() {
        return quantity;
    }

    public long unitPriceCents() {
        return unitPriceCents;
    }

    public long totalCents() {
        return Math.multiplyExact(unitPriceCents, quantity);
    }
}
