package dev.shop.inventory.reservation;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** How many units of one product a reservation holds. */
@Embeddable
public class ReservationLine {

    @Column(name = "product_id", nullable = false)
    private UUID productId;

    @Column(nullable = false)
    private int quantity;

    protected ReservationLine() {
    }

    public ReservationLine(UUID productId, int quantity) {
        this.productId = productId;
        this.quantity = quantity;
    }

    public UUID productId() {
        return productId;
    }

    public int quantity() {
        return quantity;
    }
}
