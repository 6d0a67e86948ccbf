package dev.shop.inventory.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reservation expiry (ADR 0019); defaults also written in application.properties. */
@ConfigMapping(prefix = "shop.reservations")
public interface ReservationConfig {

    /** A reservation neither confirmed nor cancelled this long after it was made is released. */
    @WithDefault("PT10M")
    Duration expireAfter();

    /** How many overdue reservations one look releases at most (each in its own transaction). */
    @WithDefault("100")
    int expiryBatch();

    /** How often overdue reservations are looked for (used by ReservationExpiry's schedule). */
    @WithDefault("30s")
    String expiryCheckEvery();
}
