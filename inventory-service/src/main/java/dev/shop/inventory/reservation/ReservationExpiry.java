package dev.shop.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shop.inventory.config.ReservationConfig;
import dev.shop.platform.events.Traceparent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The safety net under the saga (ADR 0019): a reservation still RESERVED {@code shop.reservations.expire-after}
 * after it was made (order-service cancels an open order long before, so its OrderCancelled never came) is released
 * as a cancel releases it, ends EXPIRED and is counted in {@code shop_reservations_expired_total}. Each one in its own
 * transaction with the locks a cancel takes, in the same order; one that was decided meanwhile is left alone, so
 * several instances sweep safely.
 */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);

    private final StockReservations reservations;
    private final ReservationRepository rows;
    private final ReservationConfig config;
    private final Counter expired;

    ReservationExpiry(StockReservations reservations, ReservationRepository rows, ReservationConfig config,
            MeterRegistry registry) {
        this.reservations = reservations;
        this.rows = rows;
        this.config = config;
        this.expired = Counter.builder("shop.reservations.expired")
                .description("Reservations released because the order was neither confirmed nor cancelled in time")
                .register(registry);
    }

    @Scheduled(every = "${shop.reservations.expiry-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try (Scope untraced = Traceparent.untraced()) {
            List<UUID> overdue;
            int released;
            do {
                overdue = overdue();
                released = expireEach(overdue);
            } while (overdue.size() == config.expiryBatch() && released == overdue.size());
        }
    }

    private List<UUID> overdue() {
        Instant cutoff = Instant.now().minus(config.expireAfter());
        return QuarkusTransaction.requiringNew().call(() -> rows.reservedBefore(cutoff, config.expiryBatch()));
    }

    /** @return how many of them it released */
    private int expireEach(List<UUID> orders) {
        int released = 0;
        for (UUID order : orders) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> reservations.expire(order))) {
                    expired.increment();
                    released++;
                    LOG.warnf("reservation of order %s expired: neither confirmed nor cancelled within %s, its units "
                            + "are back on the shelf", order, config.expireAfter());
                }
            } catch (RuntimeException e) { // e.g. a deadlock with a batch of events: the next sweep tries it again
                LOG.warnf("reservation of order %s could not expire now: %s", order, e.toString());
            }
        }
        return released;
    }
}
