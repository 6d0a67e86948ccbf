package dev.shop.orders.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which deadlines the saga deadline may enforce now. An order whose events are still queued (Kafka was down,
 * a consumer stalled) is late because of the queue, not because a step of its saga failed; cancelling it as TIMEOUT
 * the moment the queue starts draining would compensate orders that are about to be confirmed.
 *
 * <ul>
 * <li>the saga has been flowing for {@code grace} (two lag tolerances: time for an order's remaining steps once the
 *     queues are empty): every overdue order may be cancelled;</li>
 * <li>otherwise (behind, or caught up only recently, or just started): only orders overdue by more than
 *     {@code holdMax}, the hard cap, so a saga that never catches up still ends every order.</li>
 * </ul>
 * Not thread-safe: one scheduled sweep calls it.
 */
final class DeadlineHold {

    /** Up to which deadline orders are cancelled, and why the others wait (empty when none do). */
    record Cutoff(Instant deadlinesUpTo, Optional<String> heldBecause) {
    }

    private final Duration grace;
    private final Duration holdMax;
    private Instant flowingSince;
    private String lastReason = "the service just started";

    DeadlineHold(Duration grace, Duration holdMax) {
        this.grace = grace;
        this.holdMax = holdMax;
    }

    /** @param behind why the saga is behind now (empty when its events flow) */
    Cutoff cutoff(Instant now, Optional<String> behind) {
        if (behind.isPresent()) {
            flowingSince = null;
            lastReason = behind.get();
        } else if (flowingSince == null) {
            flowingSince = now;
        }
        if (flowingSince != null && !flowingSince.isAfter(now.minus(grace))) {
            return new Cutoff(now, Optional.empty());
        }
        String reason = behind.orElseGet(() -> "caught up " + Duration.between(flowingSince, now).toSeconds()
                + " s ago, after: " + lastReason);
        return new Cutoff(now.minus(holdMax), Optional.of(reason));
    }
}
