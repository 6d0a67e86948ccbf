package dev.shop.orders.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DeadlineHoldTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Optional<String> FLOWING = Optional.empty();
    private static final Optional<String> KAFKA_DOWN = Optional.of("Kafka unreachable");

    private final DeadlineHold hold = new DeadlineHold(Duration.ofSeconds(20), Duration.ofMinutes(5));

    @Test
    void whileTheSagaFlowsEveryOverdueOrderIsCancelled() {
        hold.cutoff(T0, FLOWING);

        DeadlineHold.Cutoff cutoff = hold.cutoff(T0.plusSeconds(20), FLOWING);

        assertEquals(T0.plusSeconds(20), cutoff.deadlinesUpTo());
        assertEquals(Optional.empty(), cutoff.heldBecause());
    }

    @Test
    void whileTheSagaIsBehindOnlyOrdersOverdueByMoreThanTheHardCapAreCancelled() {
        DeadlineHold.Cutoff cutoff = hold.cutoff(T0, KAFKA_DOWN);

        assertEquals(T0.minus(Duration.ofMinutes(5)), cutoff.deadlinesUpTo());
        assertEquals(KAFKA_DOWN, cutoff.heldBecause());
    }

    @Test
    void afterCatchingUpOrdersGetTheGraceForTheirRemainingSteps() {
        hold.cutoff(T0, FLOWING);
        hold.cutoff(T0.plusSeconds(30), KAFKA_DOWN);

        DeadlineHold.Cutoff soonAfter = hold.cutoff(T0.plusSeconds(40), FLOWING);
        DeadlineHold.Cutoff graceOver = hold.cutoff(T0.plusSeconds(60), FLOWING);

        assertTrue(soonAfter.heldBecause().orElseThrow().contains("after: Kafka unreachable"));
        assertEquals(T0.plusSeconds(40).minus(Duration.ofMinutes(5)), soonAfter.deadlinesUpTo());
        assertEquals(T0.plusSeconds(60), graceOver.deadlinesUpTo());
    }

    @Test
    void justAfterStartNothingIsCancelledBeforeTheGrace() {
        DeadlineHold.Cutoff cutoff = hold.cutoff(T0, FLOWING);

        assertEquals(T0.minus(Duration.ofMinutes(5)), cutoff.deadlinesUpTo());
    }
}
