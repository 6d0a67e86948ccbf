package dev.shop.payments.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shop.payments.config.PaymentConfig;
import dev.shop.payments.domain.Payment;
import dev.shop.payments.domain.PaymentStatus;
import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.platform.events.Traceparent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The safety net under the saga (ADR 0021): a payment still waiting for its charge (AWAITING, or PENDING and retrying
 * while the PSP is unavailable) {@code shop.payments.deadline} after it was created is given up exactly as its order's
 * OrderCancelled would give it up ({@link Payment#orderCancelled}, as in {@link PaymentSaga}): a charge never sent ends
 * CANCELLED, one that may have been sent is cancelled at the PSP by its idempotency key (ADR 0011) and ends CANCELLED
 * or REFUNDED. Each one is counted in {@code shop_payments_expired_total} and logged at WARN.
 *
 * <p>Why that is safe: order-service cancels an order still open at its saga deadline (2 minutes, held up to 5 more
 * while its consumers lag), so no order stays open for more than about 7 minutes, and an order is confirmed only on a
 * PaymentCompleted. A payment that has captured nothing 10 minutes after it was created therefore belongs to an order
 * that was cancelled, and whose OrderCancelled never came (dead-lettered, lost, order-service restored from a backup).
 * Without this job it would retry the PSP forever and might at last capture money for that cancelled order.
 *
 * <p>REFUND_PENDING, CAPTURED and final payments are never touched (a refund must finish); neither is a PENDING one
 * already being cancelled at the PSP. Each batch is locked with SKIP LOCKED, so several instances sweep safely, and a
 * payment an event or the processor holds right now is left to the next look.
 */
@ApplicationScoped
public class PaymentDeadline {

    private static final Logger LOG = Logger.getLogger(PaymentDeadline.class);

    private final PaymentRepository payments;
    private final PaymentEventPublisher publisher;
    private final PaymentProcessor processor;
    private final PaymentConfig config;
    private final Counter expired;

    PaymentDeadline(PaymentRepository payments, PaymentEventPublisher publisher, PaymentProcessor processor,
            PaymentConfig config, MeterRegistry registry) {
        this.payments = payments;
        this.publisher = publisher;
        this.processor = processor;
        this.config = config;
        this.expired = Counter.builder("shop.payments.expired")
                .description("Payments given up because no charge was captured and no OrderCancelled came in time")
                .register(registry);
    }

    /** One payment given up: its order, how old it was, and where it stands now (CANCELLED, or PENDING cancelling). */
    private record GivenUp(UUID orderId, Duration age, PaymentStatus status, boolean cancelRequested) {
    }

    @Scheduled(every = "${shop.payments.deadline-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try (Scope untraced = Traceparent.untraced()) {
            List<GivenUp> batch;
            do {
                batch = giveUpBatch();
                batch.forEach(this::report);
            } while (batch.size() == config.deadlineBatch());
        } catch (RuntimeException e) { // e.g. the database is unreachable: the next sweep tries again
            LOG.warnf("payment deadline: %s", e.toString());
        }
    }

    /**
     * Locks up to {@code shop.payments.deadline-batch} payments past their deadline, oldest first, and gives each up
     * as PaymentSaga applies an OrderCancelled; PSP cancellations are made once the transaction committed.
     */
    private List<GivenUp> giveUpBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            List<GivenUp> givenUp = new ArrayList<>();
            for (Payment payment : payments.lockOpenCreatedBefore(now.minus(config.deadline()),
                    config.deadlineBatch())) {
                if (!payment.isPastDeadline(now, config.deadline())) {
                    continue;
                }
                payment.orderCancelled(now);
                publisher.publishRecorded(payment);
                processor.callWhenCommitted(payment);
                givenUp.add(new GivenUp(payment.orderId(), Duration.between(payment.createdAt(), now),
                        payment.status(), payment.cancelRequested()));
            }
            return givenUp;
        });
    }

    private void report(GivenUp payment) {
        expired.increment();
        LOG.warnf("payment of order %s given up %d s after it was created: no charge captured and no OrderCancelled "
                + "within %s; %s", payment.orderId(), payment.age().toSeconds(), config.deadline(),
                payment.cancelRequested() ? "its charge may have been sent, it is being cancelled at the PSP"
                        : "never charged, now " + payment.status());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
