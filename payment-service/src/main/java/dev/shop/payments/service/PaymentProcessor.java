package dev.shop.payments.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.shop.payments.client.CancellationOutcome;
import dev.shop.payments.client.ChargeOutcome;
import dev.shop.payments.client.PspClient;
import dev.shop.payments.client.PspUnavailableException;
import dev.shop.payments.config.PaymentConfig;
import dev.shop.payments.domain.Payment;
import dev.shop.payments.domain.PaymentStatus;
import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.platform.events.Traceparent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Makes the PSP calls that payments are due for: charges, refunds, and, when an order is cancelled after its charge
 * was sent, the cancellation of that charge at the PSP by its idempotency key (it may still land there: the PSP voids
 * the key if the charge is not made yet, or refunds it; ADR 0011). A call never runs inside a database transaction:
 * <ol>
 * <li>lease: in a short transaction, due payments are locked (SKIP LOCKED: several instances share the work),
 *     counted as attempted and pushed {@code shop.payments.lease} into the future, so a crashed worker's payment
 *     is picked up again later;</li>
 * <li>call the PSP through {@link PspClient} (idempotency key = order id: a repeated call never charges twice);</li>
 * <li>record the outcome and the event it implies (outbox) in a second transaction.</li>
 * </ol>
 * While the PSP is unavailable or its breaker is open, the payment is retried later with exponential backoff and
 * jitter, never failed: the order's saga deadline bounds the wait (its OrderCancelled stops the retries).
 * Woken right after a commit that made a payment due, and every second as a fallback.
 */
@ApplicationScoped
public class PaymentProcessor {

    private static final Logger LOG = Logger.getLogger(PaymentProcessor.class);

    @Inject
    PaymentRepository payments;

    @Inject
    PaymentEventPublisher publisher;

    @Inject
    PspClient psp;

    @Inject
    PaymentConfig config;

    @Inject
    Tracer tracer;

    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "payment-processor"));
    private final ExecutorService calls = Executors.newFixedThreadPool(10, r -> new Thread(r, "psp-call"));
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) PaymentEventPublisher.PaymentDue due) {
        wake();
    }

    @Scheduled(every = "${shop.payments.poll-every}", delayed = "2s")
    void poll() {
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        loop.shutdownNow();
        calls.shutdownNow();
    }

    private void wake() {
        if (wakeUpQueued.compareAndSet(false, true)) {
            try {
                loop.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                // shutting down: a last poll or commit after stop() has nothing left to wake
            }
        }
    }

    private void drain() {
        wakeUpQueued.set(false);
        try (Scope untraced = Traceparent.untraced()) {
            int processed;
            do {
                processed = processDueBatch();
            } while (processed == config.batchSize());
        } catch (Exception e) {
            LOG.warnf("payment processor: %s", e.toString());
        }
    }

    /** Leases one batch of due payments and makes their PSP calls in parallel. @return the batch size */
    public int processDueBatch() throws InterruptedException {
        List<UUID> leased = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            List<UUID> due = payments.lockDue(now, config.batchSize());
            due.forEach(id -> payments.findById(id).lease(now, config.lease()));
            return due;
        });
        List<Future<?>> running = leased.stream().map(id -> calls.submit(() -> process(id))).<Future<?>>map(f -> f)
                .toList();
        for (Future<?> call : running) {
            try {
                call.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf("payment call failed: %s", e.getCause().toString());
            }
        }
        return leased.size();
    }

    /** One payment's PSP call(s), in a span that continues the trace of the event that made the payment due. */
    private void process(UUID paymentId) {
        Payment snapshot;
        try (Scope untraced = Traceparent.untraced()) {
            snapshot = QuarkusTransaction.requiringNew().call(() -> payments.findById(paymentId));
        }
        Span span = tracer.spanBuilder("process payment " + snapshot.status())
                .setParent(Traceparent.asParent(snapshot.traceparent()))
                .setAttribute("shop.order_id", snapshot.orderId().toString())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            callPsp(paymentId, snapshot);
        } finally {
            span.end();
        }
    }

    private void callPsp(UUID paymentId, Payment snapshot) {
        try {
            if (snapshot.status() == PaymentStatus.REFUND_PENDING) {
                psp.refund(snapshot.orderId(), snapshot.chargeId());
                complete(paymentId, p -> p.refunded(snapshot.chargeId(), now()));
            } else if (snapshot.status() == PaymentStatus.PENDING && snapshot.cancelRequested()) {
                cancelCharge(paymentId, snapshot);
            } else if (snapshot.status() == PaymentStatus.PENDING) {
                charge(paymentId, snapshot);
            }
        } catch (CircuitBreakerOpenException | BulkheadException e) {
            retryLater(paymentId, snapshot, config.breakerBackoff(), e);
        } catch (PspUnavailableException | TimeoutException e) {
            retryLater(paymentId, snapshot, backoff(snapshot.attempts()), e);
        }
    }

    private void charge(UUID paymentId, Payment snapshot) {
        ChargeOutcome outcome = psp.charge(snapshot.orderId(), snapshot.amountCents(), snapshot.currency(),
                snapshot.paymentMethod());
        switch (outcome) {
            case ChargeOutcome.Approved approved -> complete(paymentId, p -> p.captured(approved.chargeId(), now()));
            case ChargeOutcome.Declined declined -> complete(paymentId, p -> p.declined(declined.code(), now()));
            case ChargeOutcome.Cancelled cancelled -> complete(paymentId, p -> p.chargeRefusedAsCancelled(now()));
        }
    }

    /** The order was cancelled after its charge was sent: the PSP voids the charge's key, or refunds the charge. */
    private void cancelCharge(UUID paymentId, Payment snapshot) {
        switch (psp.cancelCharge(snapshot.orderId())) {
            case CancellationOutcome.Refunded refunded ->
                    complete(paymentId, p -> p.refunded(refunded.chargeId(), now()));
            case CancellationOutcome.NothingCaptured nothing ->
                    complete(paymentId, p -> p.cancelledWithoutCharge(now()));
        }
    }

    /** Applies a PSP outcome, unless the payment moved on meanwhile (then the next lease sorts it out). */
    private void complete(UUID paymentId, java.util.function.Consumer<Payment> outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            Payment payment = payments.findForUpdate(paymentId);
            outcome.accept(payment);
            publisher.publishRecorded(payment);
        });
    }

    private void retryLater(UUID paymentId, Payment snapshot, Duration delay, Exception cause) {
        LOG.infof("PSP not available for order %s (%s): retrying in %d ms", snapshot.orderId(), cause.getClass()
                .getSimpleName(), delay.toMillis());
        QuarkusTransaction.requiringNew().run(() -> payments.findForUpdate(paymentId).retryAfter(delay, now()));
    }

    /** Exponential backoff with full jitter, capped: 0.5 s, 1 s, 2 s ... at most shop.payments.max-backoff. */
    private Duration backoff(int attempts) {
        long base = config.minBackoff().toMillis() << Math.min(Math.max(attempts - 1, 0), 10);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
