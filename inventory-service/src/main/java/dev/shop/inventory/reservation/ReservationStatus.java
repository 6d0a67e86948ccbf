package dev.shop.inventory.reservation;

/**
 * RESERVED -> COMMITTED (order confirmed: sold), RELEASED (order cancelled: back on the shelf) or EXPIRED (neither
 * in time: back on the shelf, see {@link ReservationExpiry}); or REJECTED.
 */
public enum ReservationStatus {
    RESERVED,
    REJECTED,
    COMMITTED,
    RELEASED,
    EXPIRED
}
