package dev.shop.orders.service;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.vertx.core.Vertx;

/**
 * Long polls of orders ({@code Prefer: wait}, ADR 0013): who waits for which order's next change, and the wake-up
 * once a transaction that changed an order commits. In-process: a change committed by another instance wakes no
 * one here; the waiter then sees it when its wait runs out and it reads the order again.
 * <p>
 * Every transaction that changes an order calls {@link #changed}: {@link OrderSaga} (each step loads its order in
 * one place), {@link OrderService#cancel} and {@link SagaDeadline}. A waiter holds no thread: it is a future that
 * the commit, or a Vert.x timer, completes.
 */
@ApplicationScoped
public class OrderWatch {

    private final Map<UUID, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Vertx vertx;

    /** Call inside the transaction that changes the order: the order's waiters wake once it has committed. */
    public void changed(UUID orderId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake(orderId);
                }
            }
        });
    }

    /**
     * Completes at the order's next committed change, or when {@code timeout} has passed, whichever is first. The
     * watch starts now, not when someone subscribes, so that a change committed between this call and a read of the
     * order that follows it still wakes the waiter; cancel the future when it is no longer needed.
     */
    public CompletableFuture<Void> nextChange(UUID orderId, Duration timeout) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        waiting.compute(orderId, (id, waiters) -> {
            Set<CompletableFuture<Void>> all = waiters != null ? waiters : ConcurrentHashMap.newKeySet();
            all.add(next);
            return all;
        });
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> next.complete(null));
        next.whenComplete((done, cancelled) -> {
            vertx.cancelTimer(timer);
            waiting.computeIfPresent(orderId, (id, waiters) -> {
                waiters.remove(next);
                return waiters.isEmpty() ? null : waiters;
            });
        });
        return next;
    }

    private void wake(UUID orderId) {
        Set<CompletableFuture<Void>> waiters = waiting.remove(orderId);
        if (waiters != null) {
            waiters.forEach(next -> next.complete(null));
        }
    }
}
