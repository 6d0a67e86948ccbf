package dev.shop.orders.config;

import java.time.Duration;
import java.util.List;

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

    /**
     * The consumer groups whose lag holds the deadline back (SagaLag): every service that takes part in the saga.
     */
    @WithDefault("inventory-service,payment-service,order-service")
    List<String> consumerGroups();

    /**
     * A consumer group is behind when it has not yet consumed what its topics held this long ago; more than the
     * consumers' commit interval (5 s), or a group that keeps up looks behind between two commits.
     */
    @WithDefault("PT10S")
    Duration lagTolerance();

    /**
     * While the saga is behind, and for {@link #lagTolerance()} twice over after it caught up (time for an order's
     * remaining steps), only orders overdue by more than this are cancelled. Keeps {@code deadline + hold-max} well
     * under inventory's reservation expiry and payment's deadline (10 minutes each).
     */
    @WithDefault("PT5M")
    Duration deadlineHoldMax();
}
