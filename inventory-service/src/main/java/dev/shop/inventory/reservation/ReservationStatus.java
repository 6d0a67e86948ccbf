package dev.shop.inventory.reservation;

/** RESERVED -> COMMITTED (order confirmed: sold) or RELEASED (order cancelled: back on the shelf); or REJECTED. */
public enum ReservationStatus {
    RESERVED,
    REJECTED,
    COMMITTED,
    RELEASED
}
