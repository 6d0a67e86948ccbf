package dev.shop.stack;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the supervisor waits before it starts a dead component again: 1 s, 2 s, 4 s ... at most 30 s, so a
 * component that cannot start does not take the machine's two cores in a loop. A component that stayed up for a
 * minute since it was last ready counts as healthy: its next death waits 1 s again.
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    static final Duration HEALTHY_AFTER = Duration.ofMinutes(1);

    private int failures;
    private Instant readySince;

    /** The component became ready (first start, restart, or restart on request). */
    void ready(Instant at) {
        readySince = at;
    }

    /** The component died, or a start failed, at {@code at}: how long to wait before the next start. */
    Duration delayAfterFailure(Instant at) {
        if (readySince != null && !Duration.between(readySince, at).minus(HEALTHY_AFTER).isNegative()) {
            failures = 0;
        }
        readySince = null;
        Duration delay = failures >= 5 ? MAX : FIRST.multipliedBy(1L << failures);
        failures++;
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
