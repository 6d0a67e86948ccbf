package dev.shop.orders.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ConsumerLagWindowTest {

    private static final TopicPartition ORDERS = new TopicPartition("orders.events", 0);
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ConsumerLagWindow window = new ConsumerLagWindow(Duration.ofSeconds(10));

    @Test
    void nothingIsKnownBeforeTheToleranceHasPassed() {
        Optional<String> verdict = window.observe(T0, Map.of(ORDERS, 5L), committed(5));

        assertTrue(verdict.orElseThrow().contains("not watched"), verdict.toString());
    }

    @Test
    void aGroupThatConsumedWhatWasThereTenSecondsAgoKeepsUpEvenIfNewRecordsArrived() {
        window.observe(T0, Map.of(ORDERS, 100L), committed(90));

        Optional<String> verdict = window.observe(T0.plusSeconds(10), Map.of(ORDERS, 300L), committed(100));

        assertEquals(Optional.empty(), verdict);
    }

    @Test
    void aGroupStillShortOfWhatWasThereTenSecondsAgoIsBehind() {
        window.observe(T0, Map.of(ORDERS, 100L), committed(90));

        Optional<String> verdict = window.observe(T0.plusSeconds(12), Map.of(ORDERS, 100L), committed(95));

        assertTrue(verdict.orElseThrow().contains("inventory-service is 5 record(s) short on orders.events-0"),
                verdict.toString());
    }

    @Test
    void theNewestOldEnoughSnapshotIsTheReference() {
        window.observe(T0, Map.of(ORDERS, 100L), committed(0));
        window.observe(T0.plusSeconds(5), Map.of(ORDERS, 200L), committed(100));

        Optional<String> verdict = window.observe(T0.plusSeconds(15), Map.of(ORDERS, 250L), committed(150));

        assertTrue(verdict.orElseThrow().contains("50 record(s) short"), verdict.toString());
    }

    @Test
    void afterAResetNothingIsKnownAgainUntilTheToleranceHasPassed() {
        window.observe(T0, Map.of(ORDERS, 100L), committed(100));
        window.reset();

        Optional<String> verdict = window.observe(T0.plusSeconds(60), Map.of(ORDERS, 100L), committed(100));

        assertTrue(verdict.orElseThrow().contains("not watched"), verdict.toString());
    }

    private static Map<String, Map<TopicPartition, Long>> committed(long offset) {
        return Map.of("inventory-service", Map.of(ORDERS, offset));
    }
}
