package dev.shop.payments.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How PaymentProcessor works through due payments; defaults also written in application.properties. */
@ConfigMapping(prefix = "shop.payments")
public interface PaymentConfig {

    /** How many due payments one lease takes (and calls the PSP for in parallel). */
    @WithDefault("10")
    int batchSize();

    /** How long a leased payment is left alone; a worker that died mid-call is replaced after it. */
    @WithDefault("PT30S")
    Duration lease();

    /** First retry delay after the PSP was unavailable; doubles per attempt. */
    @WithDefault("PT0.5S")
    Duration minBackoff();

    @WithDefault("PT30S")
    Duration maxBackoff();

    /** Wait while the PSP breaker is open (about its delay) before trying again. */
    @WithDefault("PT5S")
    Duration breakerBackoff();

    /**
     * Answers outside the PSP's contract a payment may get (its charge's, then its cancellation's or refund's
     * retries) before it is left for review: NEEDS_REVIEW, never called again (ADR 0015).
     */
    @WithDefault("5")
    int maxUnexpectedAnswers();

    /** Fallback poll for due payments (a commit that makes one due wakes the processor at once). */
    @WithDefault("1s")
    String pollEvery();

    /**
     * A payment still AWAITING, or PENDING and not being cancelled, this long after it was created is given up as
     * an OrderCancelled would give it up (PaymentDeadline, ADR 0021). Well above the longest an order can stay open:
     * order-service's saga deadline (2 minutes) plus the most it holds that deadline while consumers lag (5 minutes);
     * an order is confirmed only on a PaymentCompleted, so giving up a payment that captured nothing by then cannot
     * break a confirmed order.
     */
    @WithDefault("PT10M")
    Duration deadline();

    /** How many payments past their deadline one look gives up at most (in one transaction). */
    @WithDefault("100")
    int deadlineBatch();

    /** How often payments past their deadline are looked for (used by PaymentDeadline's schedule). */
    @WithDefault("30s")
    String deadlineCheckEvery();
}
