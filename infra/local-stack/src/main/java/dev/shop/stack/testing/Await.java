package dev.shop.stack.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something that happens asynchronously (a saga step, a Kafka record), polling every 100 ms. */
public final class Await {

    private Await() {
    }

    /**
     * @param failure what to report when the condition is still false at the deadline (evaluated only then)
     * @throws AssertionError when {@code condition} is not true within {@code timeout}
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + failure.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
