package dev.shop.orders.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.shop.orders.config.SagaConfig;
import dev.shop.orders.domain.CancelReason;
import dev.shop.orders.domain.Order;
import dev.shop.orders.messaging.OrderEventPublisher;
import dev.shop.orders.messaging.SagaLag;
import dev.shop.orders.persistence.OrderRepository;
import dev.shop.platform.events.Traceparent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.scheduler.Scheduled;

/**
 * The saga deadline: an order still open after {@code shop.saga.deadline} (e.g. the PSP is down and payment keeps
 * backing off) is cancelled with TIMEOUT; its OrderCancelled makes inventory release the stock and payment stop
 * retrying, or refund if a charge went through after all. Several instances sweep safely: overdue rows are
 * locked with SKIP LOCKED.
 *
 * <p>The deadline waits while the saga's events are queued ({@link SagaLag}, {@link DeadlineHold}): after Kafka or a
 * consumer was down, orders whose next event is still on its way are not cancelled; only those overdue by more than
 * {@code shop.saga.deadline-hold-max} are. {@code shop_saga_deadline_held} is 1 while it waits.
 */
@ApplicationScoped
public class SagaDeadline {

    private static final Logger LOG = Logger.getLogger(SagaDeadline.class);

    private final OrderRepository orders;
    private final OrderEventPublisher publisher;
    private final OrderWatch watch;
    private final SagaConfig config;
    private final SagaLag lag;
    private final DeadlineHold hold;
    private final AtomicInteger held = new AtomicInteger(1);
    private boolean reported;

    SagaDeadline(OrderRepository orders, OrderEventPublisher publisher, OrderWatch watch, SagaConfig config,
            SagaLag lag, MeterRegistry registry) {
        this.orders = orders;
        this.publisher = publisher;
        this.watch = watch;
        this.config = config;
        this.lag = lag;
        this.hold = new DeadlineHold(config.lagTolerance().multipliedBy(2), config.deadlineHoldMax());
        Gauge.builder("shop.saga.deadline.held", held, AtomicInteger::get)
                .description("1 while the saga deadline waits for queued saga events (Kafka down, a consumer behind)")
                .register(registry);
    }

    @Scheduled(every = "${shop.saga.deadline-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try (Scope untraced = Traceparent.untraced()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            DeadlineHold.Cutoff cutoff = hold.cutoff(now, lag.behind(now));
            reportHold(cutoff.heldBecause());
            int cancelled;
            do {
                cancelled = cancelOverdue(now, cutoff.deadlinesUpTo());
            } while (cancelled == config.deadlineBatch());
        }
    }

    /** @return how many orders whose deadline is before {@code deadlinesUpTo} were cancelled */
    @Transactional
    int cancelOverdue(Instant now, Instant deadlinesUpTo) {
        List<UUID> overdue = orders.lockOverdue(deadlinesUpTo, config.deadlineBatch());
        for (UUID id : overdue) {
            Order order = orders.findById(id);
            order.cancel(CancelReason.TIMEOUT, now, "not confirmed by " + order.deadlineAt());
            watch.changed(id);
            publisher.publishRecorded(order);
        }
        if (!overdue.isEmpty()) {
            LOG.infof("saga deadline: cancelled %d overdue order(s)", overdue.size());
        }
        return overdue.size();
    }

    /** Logs the first state and every change: WARN with the reason when it starts waiting, INFO when it enforces. */
    private void reportHold(Optional<String> heldBecause) {
        int now = heldBecause.isPresent() ? 1 : 0;
        boolean changed = held.getAndSet(now) != now;
        if (!changed && reported) {
            return;
        }
        String state = heldBecause.map(reason -> "saga deadline waits: " + reason
                + "; only orders overdue by more than " + config.deadlineHoldMax() + " are cancelled")
                .orElse("saga deadline enforced: the saga's events flow");
        LOG.log(reported && heldBecause.isPresent() ? Logger.Level.WARN : Logger.Level.INFO, state);
        reported = true;
    }
}
