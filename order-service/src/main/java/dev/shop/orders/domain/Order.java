package dev.shop.orders.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * The order aggregate. Its methods are the saga's steps as the order sees them; each checks that the transition
 * is allowed, records it in the timeline and records the event it implies ({@link #pendingEvents()}), which the
 * service appends to the outbox in the same transaction.
 *
 * <pre>
 * PENDING --reserveStock()--> STOCK_RESERVED --confirm()--> CONFIRMED
 *    |                              |
 *    +------cancel(reason)----------+--> CANCELLED(OUT_OF_STOCK | PAYMENT_DECLINED | CUSTOMER_CANCELLED | TIMEOUT)
 * </pre>
 *
 * Events of different topics may arrive in any order (a payment can be reported before the reservation), so
 * {@link #confirm} also accepts a PENDING order, and late or repeated events are answered by {@code false}
 * plus a timeline note, never by an exception.
 */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    private UUID id;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    private CancelReason cancelReason;

    @Column(name = "total_cents", nullable = false)
    private long totalCents;

    @Column(nullable = false)
    private String currency;

    @Column(name = "payment_method", nullable = false)
    private String paymentMethod;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** When the saga must have finished; an open order past it is cancelled with TIMEOUT. */
    @Column(name = "deadline_at", nullable = false)
    private Instant deadlineAt;

    @Version
    private int version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_timeline", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "step_no")
    private List<TimelineStep> timeline = new ArrayList<>();

    @Transient
    private final List<OrderEvent> pendingEvents = new ArrayList<>();

    protected Order() {
    }

    /** A new order, PENDING, with its OrderCreated event. */
    public static Order place(UUID id, String customerId, List<OrderLine> lines, String currency, String paymentMethod,
            Instant now, Duration sagaDeadline) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        Order order = new Order();
        order.id = Objects.requireNonNull(id);
        order.customerId = Objects.requireNonNull(customerId);
        order.lines = new ArrayList<>(lines);
        order.currency = Objects.requireNonNull(currency);
        order.paymentMethod = Objects.requireNonNull(paymentMethod);
        order.totalCents = lines.stream().mapToLong(OrderLine::totalCents).reduce(0, Math::addExact);
        order.status = OrderStatus.PENDING;
        order.createdAt = now;
        order.updatedAt = now;
        order.deadlineAt = now.plus(sagaDeadline);
        order.step("ORDER_PLACED", now, lines.size() + " line(s), total " + order.totalCents + " " + currency);
        order.pendingEvents.add(new OrderEvent.OrderCreated(id, customerId,
                lines.stream().map(l -> new OrderEvent.OrderCreated.Line(l.productId(), l.quantity(),
                        l.unitPriceCents())).toList(),
                order.totalCents, currency, paymentMethod));
        return order;
    }

    /** Inventory reserved every line. */
    public boolean reserveStock(Instant now) {
        if (status != OrderStatus.PENDING) {
            note("STOCK_RESERVED", now, "reported while " + status + ": no change");
            return false;
        }
        status = OrderStatus.STOCK_RESERVED;
        step("STOCK_RESERVED", now, null);
        return true;
    }

    /** The payment was captured: the order is confirmed and inventory may commit the reservation. */
    public boolean confirm(Instant now, String detail) {
        if (!status.isOpen()) {
            note("PAYMENT_COMPLETED", now, "reported while " + status + ": no change");
            return false;
        }
        step("PAYMENT_COMPLETED", now, detail);
        status = OrderStatus.CONFIRMED;
        step("CONFIRMED", now, null);
        pendingEvents.add(new OrderEvent.OrderConfirmed(id, totalCents, currency));
        return true;
    }

    /**
     * Cancels an open order; inventory releases its stock and payment refunds what it charged.
     *
     * @return false if the order was already cancelled (nothing happens)
     * @throws IllegalTransitionException for a confirmed order
     */
    public boolean cancel(CancelReason reason, Instant now, String detail) {
        if (status == OrderStatus.CANCELLED) {
            note("CANCEL_REQUESTED", now, reason + " while already CANCELLED(" + cancelReason + "): no change");
            return false;
        }
        if (status == OrderStatus.CONFIRMED) {
            throw new IllegalTransitionException(status, "cancel");
        }
        status = OrderStatus.CANCELLED;
        cancelReason = reason;
        step("CANCELLED", now, detail == null ? reason.name() : reason + ": " + detail);
        pendingEvents.add(new OrderEvent.OrderCancelled(id, reason));
        return true;
    }

    /** Records a step that changes no state, e.g. a refund reported by payment-service. */
    public void note(String step, Instant now, String detail) {
        step(step, now, detail);
    }

    public boolean isOverdue(Instant now) {
        return status.isOpen() && now.isAfter(deadlineAt);
    }

    public boolean isOwnedBy(String customer) {
        return customerId.equals(customer);
    }

    /** The events recorded since the last call; the caller appends them to the outbox. */
    public List<OrderEvent> drainEvents() {
        List<OrderEvent> drained = List.copyOf(pendingEvents);
        pendingEvents.clear();
        return drained;
    }

    public List<OrderEvent> pendingEvents() {
        return Collections.unmodifiableList(pendingEvents);
    }

    private void step(String step, Instant now, String detail) {
        timeline.add(new TimelineStep(step, now, detail));
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public CancelReason cancelReason() {
        return cancelReason;
    }

    public long totalCents() {
        return totalCents;
    }

    public String currency() {
        return currency;
    }

    public String paymentMethod() {
        return paymentMethod;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant deadlineAt() {
        return deadlineAt;
    }

    public List<OrderLine> lines() {
        return Collections.unmodifiableList(lines);
    }

    public List<TimelineStep> timeline() {
        return Collections.unmodifiableList(timeline);
    }
}
