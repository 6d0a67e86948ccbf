package dev.shop.orders.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.orders.client.InventoryClient;
import dev.shop.orders.client.ProductPrice;
import dev.shop.orders.config.SagaConfig;
import dev.shop.orders.domain.CancelReason;
import dev.shop.orders.domain.IllegalTransitionException;
import dev.shop.orders.domain.Order;
import dev.shop.orders.domain.OrderLine;
import dev.shop.orders.domain.OrderStatus;
import dev.shop.orders.messaging.OrderEventPublisher;
import dev.shop.orders.persistence.OrderCursor;
import dev.shop.orders.persistence.OrderRepository;
import dev.shop.orders.rest.NewOrderRequest;
import dev.shop.orders.rest.OrderView;
import dev.shop.orders.rest.PageView;
import dev.shop.platform.idempotency.IdempotencyKeys;
import dev.shop.platform.idempotency.IdempotencyKeys.Fingerprint;
import dev.shop.platform.idempotency.IdempotencyKeys.StoredResponse;
import dev.shop.platform.problem.ProblemException;
import dev.shop.platform.problem.Violation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The customer's use cases of orders. The saga's own steps are in {@link OrderSaga} and {@link SagaDeadline}. */
@ApplicationScoped
public class OrderService {

    private static final String PLACE_ORDER = "POST /api/v1/orders";

    @Inject
    OrderRepository orders;

    @Inject
    OrderEventPublisher publisher;

    @Inject
    InventoryClient inventory;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    OrderWatch watch;

    @Inject
    SagaConfig saga;

    @Inject
    ObjectMapper mapper;

    /** The answer to POST /orders, fresh or replayed from its idempotency key. */
    public record Placed(StoredResponse response, boolean replayed) {
    }

    /**
     * Places an order exactly once per idempotency key: the order, its OrderCreated event (outbox) and the key with
     * the answer commit together. Prices come from inventory-service, read before the transaction so no database
     * connection waits on the network.
     */
    public Placed place(String customerId, String idempotencyKey, NewOrderRequest request) {
        String scope = customerId + " " + PLACE_ORDER;
        Fingerprint fingerprint = Fingerprint.of(mapper, request);
        Optional<StoredResponse> known = idempotencyKeys.find(scope, idempotencyKey, fingerprint);
        if (known.isPresent()) {
            return new Placed(known.get(), true);
        }
        Priced priced = price(request);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<StoredResponse> stored = idempotencyKeys.claim(scope, idempotencyKey, fingerprint);
            if (stored.isPresent()) {
                return new Placed(stored.get(), true);
            }
            Order order = Order.place(UUID.randomUUID(), customerId, priced.lines(), priced.currency(),
                    request.paymentMethod(), now(),
                    saga.deadline());
            orders.persist(order);
            publisher.publishRecorded(order);
            StoredResponse response = new StoredResponse(201, json(OrderView.of(order)), "/api/v1/orders/" + order.id());
            idempotencyKeys.remember(scope, idempotencyKey, fingerprint, response);
            return new Placed(response, false);
        });
    }

    /** The order if the caller may see it: its owner, or an admin. Anyone else gets 404, as if it did not exist. */
    @Transactional
    public OrderView get(UUID id, String caller, boolean admin) {
        return OrderView.of(visible(id, caller, admin));
    }

    /**
     * A long poll ({@code Prefer: wait}, ADR 0013): the order as soon as its status differs from the one it has now,
     * or as it is after {@code wait}. A confirmed or cancelled order, or one the caller may not see (404), is
     * answered at once. Call it on a worker thread: it reads the order before it returns; while it waits, no
     * thread is held, and the order is read again, on a worker thread, after each change and at the end.
     */
    public Uni<OrderView> get(UUID id, String caller, boolean admin, Duration wait) {
        return changeOf(id, caller, admin, null, System.nanoTime() + wait.toNanos());
    }

    /** The order if its status is not {@code seen} (null: not read yet), else the order after its next change. */
    private Uni<OrderView> changeOf(UUID id, String caller, boolean admin, OrderStatus seen, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return Uni.createFrom().item(get(id, caller, admin));
        }
        CompletableFuture<Void> next = watch.nextChange(id, Duration.ofNanos(left)); // before the read: none missed
        OrderView order;
        try {
            order = get(id, caller, admin);
        } catch (RuntimeException notVisible) {
            next.cancel(false);
            throw notVisible;
        }
        if (!order.status().isOpen() || (seen != null && order.status() != seen)) {
            next.cancel(false);
            return Uni.createFrom().item(order);
        }
        return Uni.createFrom().completionStage(next)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> changeOf(id, caller, admin, order.status(), deadline));
    }

    @Transactional
    public Order visible(UUID id, String caller, boolean admin) {
        Order order = orders.findByIdOptional(id).orElseThrow(() -> notFound(id));
        if (!admin && !order.isOwnedBy(caller)) {
            throw notFound(id);
        }
        order.timeline().size(); // load the timeline inside the transaction
        return order;
    }

    @Transactional
    public PageView<OrderView> list(String customerId, OrderStatus status, String cursor, int limit) {
        OrderCursor after = cursor == null || cursor.isBlank() ? null : OrderCursor.decode(cursor);
        List<Order> page = orders.pageOf(customerId, status, after, limit + 1);
        boolean more = page.size() > limit;
        List<Order> items = more ? page.subList(0, limit) : page;
        String next = more ? new OrderCursor(items.getLast().createdAt(), items.getLast().id()).encode() : null;
        return new PageView<>(items.stream().map(OrderView::of).toList(), next);
    }

    /** The owner cancels while the saga has not confirmed; cancelling a cancelled order answers it unchanged. */
    @Transactional
    public OrderView cancel(UUID id, String customerId) {
        Order order = orders.findForUpdate(id).filter(o -> o.isOwnedBy(customerId)).orElseThrow(() -> notFound(id));
        try {
            order.cancel(CancelReason.CUSTOMER_CANCELLED, now(), "by the customer");
            watch.changed(id);
        } catch (IllegalTransitionException e) {
            throw new ProblemException(409, "ORDER_ALREADY_CONFIRMED", "Order already confirmed",
                    "Order " + id + " is confirmed and can no longer be cancelled.");
        }
        publisher.publishRecorded(order);
        return OrderView.of(order);
    }

    /** The order's lines at today's prices, and their one currency. */
    private record Priced(List<OrderLine> lines, String currency) {
    }

    private Priced price(NewOrderRequest request) {
        List<UUID> productIds = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            UUID productId = request.lines().get(i).productId();
            if (productIds.contains(productId)) {
                throw new ProblemException(400, "VALIDATION_FAILED", "Validation failed",
                        "Each product may appear in one line only.")
                        .withViolations(List.of(new Violation("lines[" + i + "].productId", "duplicate product")));
            }
            productIds.add(productId);
        }
        Map<UUID, ProductPrice> prices = inventory.prices(productIds);
        List<OrderLine> lines = new ArrayList<>();
        List<Violation> unknown = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < request.lines().size(); i++) {
            NewOrderRequest.Line line = request.lines().get(i);
            ProductPrice price = prices.get(line.productId());
            if (price == null) {
                unknown.add(new Violation("lines[" + i + "].productId", "unknown product " + line.productId()));
                continue;
            }
            if (currency != null && !currency.equals(price.currency())) {
                throw new ProblemException(422, "MIXED_CURRENCIES", "Mixed currencies",
                        "All products of one order must be sold in the same currency.");
            }
            currency = price.currency();
            lines.add(new OrderLine(line.productId(), line.quantity(), price.priceCents()));
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(422, "UNKNOWN_PRODUCT", "Unknown product",
                    "The catalog has no product with this id.").withViolations(unknown);
        }
        return new Priced(lines, currency);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(404, "ORDER_NOT_FOUND", "Order not found", "No order " + id + " of yours.");
    }
}
