package dev.shop.inventory.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The stock an order holds. The units are taken out of {@code products.available_stock} when reserved; a
 * commit keeps them out (sold), a release puts them back. One per order: a second OrderCreated finds it.
 */
@Entity
@Table(name = "stock_reservation")
public class StockReservation {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReservationStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "stock_reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    private List<ReservationLine> lines = new ArrayList<>();

    protected StockReservation() {
    }

    static StockReservation reserved(UUID orderId, List<ReservationLine> lines, Instant now) {
        return create(orderId, ReservationStatus.RESERVED, lines, now);
    }

    static StockReservation rejected(UUID orderId, Instant now) {
        return create(orderId, ReservationStatus.REJECTED, List.of(), now);
    }

    /** An order cancelled before its stock was reserved: a later OrderCreated must not reserve anything. */
    static StockReservation releasedBeforeReserved(UUID orderId, Instant now) {
        return create(orderId, ReservationStatus.RELEASED, List.of(), now);
    }

    private static StockReservation create(UUID orderId, ReservationStatus status, List<ReservationLine> lines,
            Instant now) {
        StockReservation reservation = new StockReservation();
        reservation.orderId = orderId;
        reservation.status = status;
        reservation.lines = new ArrayList<>(lines);
        reservation.createdAt = now;
        reservation.updatedAt = now;
        return reservation;
    }

    /** @return true if the units are now sold; false if there was nothing held (already committed, released...) */
    boolean commit(Instant now) {
        if (status != ReservationStatus.RESERVED) {
            return false;
        }
        status = ReservationStatus.COMMITTED;
        updatedAt = now;
        return true;
    }

    /** @return true if the units must go back to the shelf */
    boolean release(Instant now) {
        return giveUp(ReservationStatus.RELEASED, now);
    }

    /** Neither confirmed nor cancelled in time. @return true if the units must go back to the shelf */
    boolean expire(Instant now) {
        return giveUp(ReservationStatus.EXPIRED, now);
    }

    private boolean giveUp(ReservationStatus end, Instant now) {
        if (status != ReservationStatus.RESERVED) {
            return false;
        }
        status = end;
        updatedAt = now;
        return true;
    }

    public UUID orderId() {
        return orderId;
    }

    public ReservationStatus status() {
        return status;
    }

    public List<ReservationLine> lines() {
        return Collections.unmodifiableList(lines);
    }
}
