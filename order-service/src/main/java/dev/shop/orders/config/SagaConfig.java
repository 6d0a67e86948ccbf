package dev.shop.orders.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The order saga's deadline; defaults also written in application.properties. */
@ConfigMapping(prefix = "shop.saga")
public interface SagaConfig {

    /** An order not CONFIRMED this long after it was placed is cancelled with TIMEOUT and compensated. */
    @WithDefault("PT2M")
    Duration deadline();

    /** How many overdue orders one sweep cancels at most (one transaction). */
    @WithDefault("100")
    int deadlineBatch();

    /** How often overdue orders are looked for (used by SagaDeadline's schedule). */
    @WithDefault("1s")
    String deadlineCheckEvery();
}
