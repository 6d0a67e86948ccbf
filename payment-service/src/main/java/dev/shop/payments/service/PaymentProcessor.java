package dev.shop.payments.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.shop.payments.client.CancellationOutcome;
import dev.shop.payments.client.ChargeOutcome;
import dev.shop.payments.client.PspClient;
import dev.shop.payments.client.PspUnavailableException;
import dev.shop.payments.client.UnexpectedPspAnswerException;
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
 * <li>lease: in the transaction that made the payment due ({@link PaymentSaga} calls {@link #callWhenCommitted}),
 *     the payment is counted as attempted and pushed {@code shop.payments.lease} into the future, so if this process
 *     dies before the outcome is recorded, the poll takes the payment up again once the lease expired;</li>
 * <li>after that transaction committed, call the PSP through {@link PspClient} on one of the {@code psp-call}
 *     threads (idempotency key = order id: a repeated call never charges twice);</li>
 * <li>record the outcome and the event it implies (outbox) in a second transaction.</li>
 * </ol>
 * Two transactions and one thread hop per charge. While the PSP is unavailable or its breaker is open, the payment is
 * retried later with exponential backoff and jitter, never failed: the order's saga deadline bounds the wait (its
 * OrderCancelled stops the retries), and {@link PaymentDeadline} gives the payment up should that OrderCancelled never
 * come (ADR 0021). A retry wakes {@link #poll} when it falls due ({@link #wakeUpAt}); the poll leases due rows with SKIP
 * LOCKED, so several instances share the work, and also runs every {@code shop.payments.poll-every} (5 s) for what no
 * wake-up covers: leases expired because a process died, retries of another instance. An idle service therefore
 * opens one transaction every 5 s, not every second.
 *
 * <p>An answer outside the PSP's contract is not unavailability, and is never retried forever (ADR 0015): a charge so
 * answered fails the order and is cancelled at the PSP by its key; every such answer is counted and logged
 * ({@link UnexpectedAnswers}), and at {@code shop.payments.max-unexpected-answers} the payment ends NEEDS_REVIEW.
 */
@ApplicationScoped
public class PaymentProcessor {

    private static final Logger LOG = Logger.getLogger(PaymentProcessor.class);
    /** A wake-up comes this much after the retry's due time, so the row's {@code next_attempt_at} has passed. */
    private static final long WAKE_UP_MARGIN_MS = 20;

    private final PaymentRepository payments;
    private final PaymentEventPublisher publisher;
    private final PspClient psp;
    private final PaymentConfig config;
    private final Tracer tracer;
    private final TransactionSynchronizationRegistry transactions;
    private final UnexpectedAnswers unexpectedAnswers;
    private final ExecutorService calls = Executors.newFixedThreadPool(10, r -> new Thread(r, "psp-call"));
    private final ScheduledExecutorService wakeUps = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("payment-wake-up").daemon().unstarted(r));

    PaymentProcessor(PaymentRepository payments, PaymentEventPublisher publisher, PspClient psp, PaymentConfig config,
            Tracer tracer, TransactionSynchronizationRegistry transactions, UnexpectedAnswers unexpectedAnswers) {
        this.payments = payments;
        this.publisher = publisher;
        this.psp = psp;
        this.config = config;
        this.tracer = tracer;
        this.transactions = transactions;
        this.unexpectedAnswers = unexpectedAnswers;
    }

    /** What one PSP call needs, read from the payment as its lease committed. */
    record DueCall(UUID paymentId, UUID orderId, PaymentStatus status, boolean cancelRequested, Long amountCents,
            String currency, String paymentMethod, String chargeId, int attempts, int unexpectedAnswers,
            String traceparent) {

        static DueCall of(Payment payment) {
            return new DueCall(payment.id(), payment.orderId(), payment.status(), payment.cancelRequested(),
                    payment.amountCents(), payment.currency(), payment.paymentMethod(), payment.chargeId(),
                    payment.attempts(), payment.unexpectedAnswers(), payment.traceparent());
        }
    }

    /**
     * Called inside a transaction that changed the payment: if a PSP call is due now, leases the payment and makes
     * the call as soon as the transaction has committed (nothing happens if it rolls back).
     */
    public void callWhenCommitted(Payment payment) {
        Instant now = now();
        if (!payment.isDueAt(now)) {
            return;
        }
        payment.lease(now, config.lease());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    submit(DueCall.of(payment));
                }
            }
        });
    }

    @Scheduled(every = "${shop.payments.poll-every}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try (Scope untraced = Traceparent.untraced()) {
            int processed;
            do {
                processed = processDueBatch();
            } while (processed == config.batchSize());
        } catch (Exception e) {
            LOG.warnf("payment processor: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        wakeUps.shutdownNow();
        calls.shutdownNow();
    }

    /** Runs the poll once {@code delay} has passed: a retry is taken up when it falls due, not at the next poll. */
    private void wakeUpAt(Duration delay) {
        try {
            wakeUps.schedule(this::poll, delay.toMillis() + WAKE_UP_MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // shutting down: the row stays due, the next start's poll takes it up
        }
    }

    /** Leases one batch of due payments (retries, expired leases) and makes their PSP calls. @return the batch size */
    int processDueBatch() throws InterruptedException {
        List<DueCall> leased = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            List<Payment> due = payments.lockDue(now, config.batchSize());
            due.forEach(payment -> payment.lease(now, config.lease()));
            return due.stream().map(DueCall::of).toList();
        });
        List<Future<?>> running = leased.stream().map(this::submit).toList();
        for (Future<?> call : running) {
            try {
                call.get();
            } catch (ExecutionException e) {
                LOG.warnf("payment call failed: %s", e.getCause().toString());
            }
        }
        return leased.size();
    }

    private Future<?> submit(DueCall call) {
        try {
            return calls.submit(() -> process(call));
        } catch (RejectedExecutionException stopped) {
            return CompletableFuture.completedFuture(null); // shutting down: the lease expires, the poll retries
        }
    }

    /** One payment's PSP call(s), in a span that continues the trace of the event that made the payment due. */
    private void process(DueCall call) {
        Span span = tracer.spanBuilder("process payment " + call.status())
                .setParent(Traceparent.asParent(call.traceparent()))
                .setAttribute("shop.order_id", call.orderId().toString())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            callPsp(call);
        } catch (RuntimeException e) {
            LOG.warnf("payment of order %s: %s", call.orderId(), e.toString());
        } finally {
            span.end();
        }
    }

    private void callPsp(DueCall snapshot) {
        UUID paymentId = snapshot.paymentId();
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
        } catch (UnexpectedPspAnswerException e) {
            answeredUnexpectedly(paymentId, snapshot, e);
        }
    }

    private void charge(UUID paymentId, DueCall snapshot) {
        ChargeOutcome outcome = psp.charge(snapshot.orderId(), snapshot.amountCents(), snapshot.currency(),
                snapshot.paymentMethod());
        switch (outcome) {
            case ChargeOutcome.Approved approved -> complete(paymentId, p -> p.captured(approved.chargeId(), now()));
            case ChargeOutcome.Declined declined -> complete(paymentId, p -> p.declined(declined.code(), now()));
            case ChargeOutcome.Cancelled cancelled -> complete(paymentId, p -> p.chargeRefusedAsCancelled(now()));
        }
    }

    /**
     * The order was cancelled after its charge was sent, or the charge was answered unexpectedly: the PSP voids the
     * charge's key, or refunds the charge.
     */
    private void cancelCharge(UUID paymentId, DueCall snapshot) {
        switch (psp.cancelCharge(snapshot.orderId())) {
            case CancellationOutcome.Refunded refunded ->
                    complete(paymentId, p -> p.refunded(refunded.chargeId(), now()));
            case CancellationOutcome.NothingCaptured nothing ->
                    complete(paymentId, p -> p.cancelledWithoutCharge(now()));
        }
    }

    /**
     * Applies a PSP outcome, unless the payment moved on meanwhile (then the next lease sorts it out).
     * @return the payment as recorded
     */
    private Payment complete(UUID paymentId, java.util.function.Consumer<Payment> outcome) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Payment payment = payments.findForUpdate(paymentId);
            outcome.accept(payment);
            publisher.publishRecorded(payment);
            callWhenCommitted(payment); // e.g. captured after the order was cancelled: the refund is due at once
            return payment;
        });
    }

    /** Bounded: the payment counts the answer, and ends NEEDS_REVIEW at shop.payments.max-unexpected-answers. */
    private void answeredUnexpectedly(UUID paymentId, DueCall snapshot, UnexpectedPspAnswerException answer) {
        Duration retryAfter = backoff(snapshot.unexpectedAnswers() + 1);
        Payment recorded = complete(paymentId,
                p -> p.answeredUnexpectedly(config.maxUnexpectedAnswers(), retryAfter, now()));
        unexpectedAnswers.record(snapshot.orderId(), answer, recorded);
        wakeUpAt(retryAfter); // its cancellation at the PSP is retried then (unless it was due at once, or ended)
    }

    private void retryLater(UUID paymentId, DueCall snapshot, Duration delay, Exception cause) {
        LOG.infof("PSP not available for order %s (%s): retrying in %d ms", snapshot.orderId(), cause.getClass()
                .getSimpleName(), delay.toMillis());
        QuarkusTransaction.requiringNew().run(() -> payments.findForUpdate(paymentId).retryAfter(delay, now()));
        wakeUpAt(delay);
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
