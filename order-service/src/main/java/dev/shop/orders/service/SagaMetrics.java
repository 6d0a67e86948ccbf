package dev.shop.orders.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.shop.orders.domain.OrderFinished;
import dev.shop.platform.events.Traceparent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Scope;

/**
 * The saga's business metrics and its one log line per order, recorded once the transaction that finished an order
 * has committed:
 * <ul>
 * <li>{@code shop_orders_finished_total{outcome, reason}}: orders CONFIRMED, or CANCELLED by reason
 *     (OUT_OF_STOCK, PAYMENT_DECLINED, CUSTOMER_CANCELLED, TIMEOUT);</li>
 * <li>{@code shop_saga_duration_seconds{outcome}}: from the order's creation to its end (histogram buckets).</li>
 * </ul>
 */
@ApplicationScoped
public class SagaMetrics {

    private static final Logger LOG = Logger.getLogger(SagaMetrics.class);

    @Inject
    MeterRegistry registry;

    void onFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderFinished finished) {
        String outcome = finished.outcome().name();
        String reason = finished.cancelReason() == null ? "none" : finished.cancelReason().name();
        Counter.builder("shop.orders.finished")
                .description("Orders that reached the end of the saga, by outcome and cancel reason")
                .tags("outcome", outcome, "reason", reason)
                .register(registry)
                .increment();
        Duration duration = Duration.between(finished.placedAt(), Instant.now());
        Timer.builder("shop.saga.duration")
                .description("From an order's creation to CONFIRMED or CANCELLED")
                .tags("outcome", outcome)
                .register(registry)
                .record(duration);
        // After the commit the step's span has ended (a consumed batch commits once): the line joins its trace here.
        try (Scope trace = Traceparent.asParent(finished.traceparent()).makeCurrent()) {
            LOG.infof("order %s %s%s after %d ms", finished.orderId(), outcome,
                    finished.cancelReason() == null ? "" : " (" + reason + ")", duration.toMillis());
        }
    }
}
