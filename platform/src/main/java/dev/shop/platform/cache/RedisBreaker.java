package dev.shop.platform.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fast-fail in front of Redis: after {@code failuresToOpen} consecutive failures (errors or timeouts) the
 * cache stops calling Redis for {@code openFor}, so a dead or frozen Redis costs each request nothing instead
 * of a timeout. Then exactly one request tries Redis again (half-open); its success closes the breaker, its
 * failure keeps it open for another {@code openFor}. Misses and decoding problems are answers, not failures.
 */
final class RedisBreaker {

    private static final long CLOSED = Long.MIN_VALUE;

    private final int failuresToOpen;
    private final long openForNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** {@link #CLOSED}, or the System.nanoTime() after which one trial call is let through. */
    private final AtomicLong openUntil = new AtomicLong(CLOSED);

    RedisBreaker(int failuresToOpen, Duration openFor) {
        this.failuresToOpen = failuresToOpen;
        this.openForNanos = openFor.toNanos();
    }

    /** Whether this caller may call Redis now; while open, only the first caller after {@code openFor} may. */
    boolean allowsCall() {
        long until = openUntil.get();
        if (until == CLOSED) {
            return true;
        }
        long now = System.nanoTime();
        // The trial caller pushes the deadline forward, so concurrent callers keep skipping Redis meanwhile.
        return now - until >= 0 && openUntil.compareAndSet(until, now + openForNanos);
    }

    void succeeded() {
        consecutiveFailures.set(0);
        openUntil.set(CLOSED);
    }

    void failed() {
        if (consecutiveFailures.incrementAndGet() >= failuresToOpen) {
            openUntil.set(System.nanoTime() + openForNanos);
        }
    }

    boolean isOpen() {
        return openUntil.get() != CLOSED;
    }
}
