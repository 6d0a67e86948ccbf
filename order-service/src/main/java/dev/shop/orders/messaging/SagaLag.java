package dev.shop.orders.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.shop.orders.config.SagaConfig;
import dev.shop.platform.outbox.Outbox;

/**
 * Whether the saga's events are flowing, asked by the saga deadline before it cancels anything: an order whose next
 * event is still queued somewhere is late because of the queue, not because a step failed.
 *
 * <p>The saga is behind when Kafka cannot be reached, when one of the saga's consumer groups
 * ({@code shop.saga.consumer-groups}: inventory's, payment's and this service's own) has not consumed what its
 * topics held {@code shop.saga.lag-tolerance} ago ({@link ConsumerLagWindow}), or when this service's outbox still
 * holds an event older than that. The other services' outboxes are not visible from here; they fill only while Kafka
 * is down, which counts as behind anyway.
 */
@ApplicationScoped
public class SagaLag {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

    private final Outbox outbox;
    private final SagaConfig config;
    private final Admin admin;
    private final ConsumerLagWindow window;

    SagaLag(Outbox outbox, SagaConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.outbox = outbox;
        this.config = config;
        this.window = new ConsumerLagWindow(config.lagTolerance());
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "saga-lag",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis()));
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /** @return why the saga is behind now, or empty when its events flow */
    public Optional<String> behind(Instant now) {
        Optional<String> consumers = consumersBehind(now);
        if (consumers.isPresent()) {
            return consumers;
        }
        Optional<Instant> oldestUnpublished = outbox.oldestUnpublished();
        if (oldestUnpublished.isPresent() && oldestUnpublished.get().isBefore(now.minus(config.lagTolerance()))) {
            return Optional.of("the outbox holds an event since " + oldestUnpublished.get());
        }
        return Optional.empty();
    }

    private Optional<String> consumersBehind(Instant now) {
        try {
            Map<String, Map<TopicPartition, Long>> committed = committedOffsets();
            return window.observe(now, endOffsets(committed), committed);
        } catch (ExecutionException | TimeoutException e) {
            window.reset();
            return Optional.of("Kafka unreachable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private Map<String, Map<TopicPartition, Long>> committedOffsets()
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
        config.consumerGroups().forEach(group -> groups.put(group, new ListConsumerGroupOffsetsSpec()));
        var result = admin.listConsumerGroupOffsets(groups);
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (String group : groups.keySet()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = result.partitionsToOffsetAndMetadata(group)
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> groupOffsets = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    groupOffsets.put(partition, offset.offset());
                }
            });
            committed.put(group, groupOffsets);
        }
        return committed;
    }

    private Map<TopicPartition, Long> endOffsets(Map<String, Map<TopicPartition, Long>> committed)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
