package dev.shop.payments.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * The payment of one order, built from facts that may arrive in any order (two topics):
 * OrderCreated (amount, method, customer), StockReserved (go), OrderCancelled (stop, or give the money back).
 * It becomes due for a charge only when it knows the amount <em>and</em> the stock is reserved and the order
 * has not been cancelled. Calls to the PSP happen outside any transaction ({@code PaymentProcessor}); their
 * outcomes come back through {@link #captured}, {@link #declined}, {@link #refunded}, {@link #cancelledWithoutCharge},
 * {@link #chargeRefusedAsCancelled}.
 *
 * <p>Cancelled while PENDING: if no charge was ever sent, CANCELLED at once. If one was sent, its outcome may still be
 * unknown (the call timed out while the PSP kept working on it), so the payment is marked {@code cancelRequested} and
 * the processor cancels the charge at the PSP by its idempotency key (ADR 0011): the PSP voids the key if the charge
 * is not made yet (it can never land later) and the payment ends CANCELLED, or refunds a succeeded charge in the
 * same step and the payment ends REFUNDED.
 *
 * <p>The PSP answered outside its contract ({@link #answeredUnexpectedly}, ADR 0015): a charge so answered has an
 * unknown outcome, so the order fails at once and the charge is cancelled at the PSP by its key, as above. Every
 * unexpected answer is counted; at {@code maxUnexpectedAnswers} the payment is left for review: NEEDS_REVIEW.
 *
 * <p>A payment that still waits for its charge long after it was created ({@link #isPastDeadline}) is given up through
 * {@link #orderCancelled}, as if its order's OrderCancelled had come (ADR 0021).
 */
@Entity
@Table(name = "payment")
public class Payment {

    /** The failure code, and PaymentFailed's reason, of a charge the PSP answered outside its contract. */
    public static final String UNEXPECTED_ANSWER = "PSP_UNEXPECTED_ANSWER";

    @Id
    private UUID id;

    @Column(name = "order_id", nullable = false, unique = true)
    private UUID orderId;

    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "amount_cents")
    private Long amountCents;

    private String currency;

    @Column(name = "payment_method")
    private String paymentMethod;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PaymentStatus status;

    @Column(name = "stock_reserved", nullable = false)
    private boolean stockReserved;

    /** The order was cancelled while a charge may have been sent: cancel that charge at the PSP by its key. */
    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    @Column(name = "charge_id")
    private String chargeId;

    @Column(name = "failure_code")
    private String failureCode;

    /** PSP calls made for the charge so far (a lease counts as one, even if the process died during the call). */
    @Column(nullable = false)
    private int attempts;

    /** Answers outside the PSP's contract to this payment's calls so far; bounded by maxUnexpectedAnswers. */
    @Column(name = "unexpected_answers", nullable = false)
    private int unexpectedAnswers;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** W3C trace context of the event that last gave this payment work; the PSP calls continue that trace. */
    private String traceparent;

    @Version
    private int version;

    @Transient
    private final List<PaymentEvent> pendingEvents = new ArrayList<>();

    protected Payment() {
    }

    public static Payment forOrder(UUID orderId, Instant now) {
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.orderId = orderId;
        payment.status = PaymentStatus.AWAITING;
        payment.createdAt = now;
        payment.updatedAt = now;
        return payment;
    }

    /** OrderCreated: what to charge, to whom. */
    public void orderPlaced(String customerId, long amountCents, String currency, String paymentMethod, Instant now) {
        if (this.amountCents != null) {
            return;
        }
        this.customerId = customerId;
        this.amountCents = amountCents;
        this.currency = currency;
        this.paymentMethod = paymentMethod;
        becomeDueIfReady(now);
    }

    /** StockReserved: inventory holds the goods, the charge may go. */
    public void stockReserved(Instant now) {
        stockReserved = true;
        becomeDueIfReady(now);
    }

    /** OrderCancelled: stop before charging, or refund what was charged. */
    public void orderCancelled(Instant now) {
        switch (status) {
            case AWAITING -> status = PaymentStatus.CANCELLED;
            case PENDING -> {
                if (attempts == 0) {
                    status = PaymentStatus.CANCELLED; // never sent to the PSP: no money can have moved
                } else {
                    cancelRequested = true; // a charge may have reached the PSP, or still reach it: cancel it there
                    if (nextAttemptAt == null || nextAttemptAt.isBefore(now)) {
                        nextAttemptAt = now; // a running lease (a call in flight) is left to finish first
                    }
                }
            }
            case CAPTURED -> {
                status = PaymentStatus.REFUND_PENDING;
                nextAttemptAt = now;
            }
            default -> {
                // DECLINED, REFUND_PENDING, REFUNDED, CANCELLED: nothing (more) to give back; NEEDS_REVIEW: by hand
            }
        }
        updatedAt = now;
    }

    /**
     * Whether the payment still waits for its charge (AWAITING, or PENDING and not being cancelled already) more than
     * {@code deadline} after it was created. Its order was cancelled by order-service's saga deadline long before (an
     * order is confirmed only on a PaymentCompleted, which this payment never published), but that OrderCancelled never
     * came: it is given up as the OrderCancelled would have given it up (ADR 0021). A payment being cancelled at the
     * PSP, captured, being refunded or final is never past its deadline.
     */
    public boolean isPastDeadline(Instant now, Duration deadline) {
        boolean waiting = status == PaymentStatus.AWAITING || status == PaymentStatus.PENDING && !cancelRequested;
        return waiting && createdAt.plus(deadline).isBefore(now);
    }

    /** Whether a PSP call is due now: not while a leased call is still in flight, nor before a retry's time. */
    public boolean isDueAt(Instant now) {
        return status.isDue() && nextAttemptAt != null && !nextAttemptAt.isAfter(now);
    }

    /** PaymentProcessor takes the payment for one PSP call; if it dies, the lease expires and another one tries. */
    public void lease(Instant now, Duration lease) {
        if (status == PaymentStatus.PENDING && !cancelRequested) {
            attempts++;
        }
        nextAttemptAt = now.plus(lease);
        updatedAt = now;
    }

    /** The PSP approved the charge. If the order was cancelled meanwhile, the money goes straight back. */
    public void captured(String chargeId, Instant now) {
        requireStatus(PaymentStatus.PENDING);
        this.chargeId = chargeId;
        if (cancelRequested) {
            status = PaymentStatus.REFUND_PENDING;
            nextAttemptAt = now;
        } else {
            status = PaymentStatus.CAPTURED;
            nextAttemptAt = null;
            pendingEvents.add(new PaymentEvent.PaymentCompleted(orderId, id, amountCents, currency, chargeId));
        }
        updatedAt = now;
    }

    /** The PSP declined the card (final: never retried). */
    public void declined(String code, Instant now) {
        requireStatus(PaymentStatus.PENDING);
        status = PaymentStatus.DECLINED;
        failureCode = code;
        nextAttemptAt = null;
        updatedAt = now;
        pendingEvents.add(new PaymentEvent.PaymentFailed(orderId, id, code));
    }

    /**
     * The PSP cancelled the order's charge by its key before any money was captured: the charge was never made (and
     * now never will be) or was declined. Nothing to give back.
     */
    public void cancelledWithoutCharge(Instant now) {
        requireStatus(PaymentStatus.PENDING);
        status = PaymentStatus.CANCELLED;
        nextAttemptAt = null;
        updatedAt = now;
    }

    /**
     * The PSP refused the charge ({@code CHARGE_CANCELLED}): a cancellation of this order voided its key first. Only
     * this payment's cancel path makes such a cancellation, so the payment is left to it: its retried cancellation
     * is answered "voided" again and the payment ends CANCELLED.
     */
    public void chargeRefusedAsCancelled(Instant now) {
        requireStatus(PaymentStatus.PENDING);
        cancelRequested = true;
        nextAttemptAt = now;
        updatedAt = now;
    }

    /** The money is back with the customer. */
    public void refunded(String chargeId, Instant now) {
        if (status != PaymentStatus.REFUND_PENDING && status != PaymentStatus.PENDING) {
            throw new IllegalStateException("payment " + id + " is " + status + ", cannot be refunded");
        }
        this.chargeId = chargeId;
        status = PaymentStatus.REFUNDED;
        nextAttemptAt = null;
        updatedAt = now;
        pendingEvents.add(new PaymentEvent.PaymentRefunded(orderId, id, amountCents, chargeId));
    }

    /**
     * The PSP answered a call for this payment outside its contract. A charge so answered may or may not have been
     * made: unless the order is being cancelled already, the order fails now (PaymentFailed, {@link
     * #UNEXPECTED_ANSWER}) and the charge is cancelled at the PSP by its key at once. Any other call (a refund, such a
     * cancellation) is tried again after {@code retryAfter}. The {@code maxUnexpectedAnswers}-th unexpected answer
     * ends it: NEEDS_REVIEW, never called again.
     */
    public void answeredUnexpectedly(int maxUnexpectedAnswers, Duration retryAfter, Instant now) {
        if (!status.isDue()) {
            throw new IllegalStateException("payment " + id + " is " + status + ", no PSP call was due");
        }
        unexpectedAnswers++;
        nextAttemptAt = now.plus(retryAfter);
        if (status == PaymentStatus.PENDING && !cancelRequested) {
            cancelRequested = true;
            failureCode = UNEXPECTED_ANSWER;
            nextAttemptAt = now;
            pendingEvents.add(new PaymentEvent.PaymentFailed(orderId, id, UNEXPECTED_ANSWER));
        }
        if (unexpectedAnswers >= maxUnexpectedAnswers) {
            status = PaymentStatus.NEEDS_REVIEW;
            failureCode = UNEXPECTED_ANSWER;
            nextAttemptAt = null;
        }
        updatedAt = now;
    }

    /** The PSP could not be reached (or the breaker is open): try again after {@code delay}. */
    public void retryAfter(Duration delay, Instant now) {
        nextAttemptAt = now.plus(delay);
        updatedAt = now;
    }

    public List<PaymentEvent> drainEvents() {
        List<PaymentEvent> drained = List.copyOf(pendingEvents);
        pendingEvents.clear();
        return drained;
    }

    private void becomeDueIfReady(Instant now) {
        if (status == PaymentStatus.AWAITING && stockReserved && amountCents != null) {
            status = PaymentStatus.PENDING;
            nextAttemptAt = now;
        }
        updatedAt = now;
    }

    private void requireStatus(PaymentStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("payment " + id + " is " + status + ", expected " + expected);
        }
    }

    public boolean isOwnedBy(String customer) {
        return customer.equals(customerId);
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public Long amountCents() {
        return amountCents;
    }

    public String currency() {
        return currency;
    }

    public String paymentMethod() {
        return paymentMethod;
    }

    public PaymentStatus status() {
        return status;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public String chargeId() {
        return chargeId;
    }

    public String failureCode() {
        return failureCode;
    }

    public int attempts() {
        return attempts;
    }

    public int unexpectedAnswers() {
        return unexpectedAnswers;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String traceparent() {
        return traceparent;
    }

    /** Remembers the trace of the work being done now (null keeps the previous one). */
    public void tracedBy(String traceparent) {
        if (traceparent != null) {
            this.traceparent = traceparent;
        }
    }
}
