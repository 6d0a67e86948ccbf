package dev.shop.orders.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.shop.orders.config.SagaConfig;
import dev.shop.orders.domain.CancelReason;
import dev.shop.orders.domain.Order;
import dev.shop.orders.messaging.OrderEventPublisher;
import dev.shop.orders.persistence.OrderRepository;
import dev.shop.platform.events.Traceparent;
import io.opentelemetry.context.Scope;
import io.quarkus.scheduler.Scheduled;

/**
 * The saga deadline: an order still open after {@code shop.saga.deadline} (e.g. the PSP is down and payment keeps
 * backing off) is cancelled with TIMEOUT; its OrderCancelled makes inventory release the stock and payment stop
 * retrying, or refund if a charge went through after all. Several instances sweep safely: overdue rows are
 * locked with SKIP LOCKED.
 */
@ApplicationScoped
public class SagaDeadline {

    private static final Logger LOG = Logger.getLogger(SagaDeadline.class);

    @Inject
    OrderRepository orders;

    @Inject
    OrderEventPublisher publisher;

    @Inject
    OrderWatch watch;

    @Inject
    SagaConfig config;

    @Scheduled(every = "${shop.saga.deadline-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try (Scope untraced = Traceparent.untraced()) {
            int cancelled;
            do {
                cancelled = cancelOverdue();
            } while (cancelled == config.deadlineBatch());
        }
    }

    /** @return how many orders were cancelled */
    @Transactional
    public int cancelOverdue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UUID> overdue = orders.lockOverdue(now, config.deadlineBatch());
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
}
