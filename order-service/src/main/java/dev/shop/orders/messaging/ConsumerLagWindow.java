package dev.shop.orders.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

/**
 * Tells whether consumer groups keep up with their topics, measured in time rather than in records: a group is
 * behind when it has not yet consumed (committed) what its partitions already held {@code tolerance} ago.
 *
 * <p>Why time: a record count that means "stalled" at 3 orders/s is normal at 50/s, while "not yet at the end the log
 * had 10 s ago" means the same at any rate. The tolerance has to exceed the consumers' commit interval (the throttled
 * commit strategy commits every 5 s), or a group that keeps up would look behind between two commits.
 *
 * <p>Each {@link #observe} keeps the end offsets it is given; the verdict compares the committed offsets with the
 * newest snapshot at least {@code tolerance} old. Until such a snapshot exists (just after start) nothing is known,
 * and that counts as behind. Not thread-safe: one scheduled sweep calls it.
 */
final class ConsumerLagWindow {

    private record Snapshot(Instant takenAt, Map<TopicPartition, Long> endOffsets) {
    }

    private final Duration tolerance;
    private final Deque<Snapshot> snapshots = new ArrayDeque<>();

    ConsumerLagWindow(Duration tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * @param endOffsets        each partition's end offset now
     * @param committedByGroup  each group's committed offsets now (a partition a group never committed is ignored)
     * @return why a group is behind, or empty when every group has consumed what was there {@code tolerance} ago
     */
    Optional<String> observe(Instant now, Map<TopicPartition, Long> endOffsets,
            Map<String, Map<TopicPartition, Long>> committedByGroup) {
        snapshots.addLast(new Snapshot(now, Map.copyOf(endOffsets)));
        Snapshot reference = oldEnoughSnapshot(now);
        if (reference == null) {
            return Optional.of("consumers not watched for " + tolerance.toSeconds() + " s yet");
        }
        for (var group : committedByGroup.entrySet()) {
            for (var committed : group.getValue().entrySet()) {
                Long endThen = reference.endOffsets().get(committed.getKey());
                if (endThen != null && committed.getValue() < endThen) {
                    return Optional.of("consumer group " + group.getKey() + " is " + (endThen - committed.getValue())
                            + " record(s) short on " + committed.getKey() + " of what it held "
                            + Duration.between(reference.takenAt(), now).toSeconds() + " s ago");
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets that anything was observed: after a gap (Kafka unreachable) old snapshots say nothing. */
    void reset() {
        snapshots.clear();
    }

    /** The newest snapshot taken at least {@code tolerance} ago; older ones are dropped, as they are no longer needed. */
    private Snapshot oldEnoughSnapshot(Instant now) {
        Instant limit = now.minus(tolerance);
        Snapshot reference = null;
        while (!snapshots.isEmpty() && !snapshots.peekFirst().takenAt().isAfter(limit)) {
            reference = snapshots.pollFirst();
        }
        if (reference != null) {
            snapshots.addFirst(reference);
        }
        return reference;
    }
}
