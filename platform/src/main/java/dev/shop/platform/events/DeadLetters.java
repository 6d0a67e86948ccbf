package dev.shop.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Sends a poison record to {@code <topic>.dlq}, unchanged (key, value, CloudEvents headers), with the reason in
 * {@code dead-letter-reason} and where it came from in {@code dead-letter-topic}, {@code -partition} and
 * {@code -offset} (the headers SmallRye's dead-letter strategy writes, so existing tooling reads both). The send is
 * acknowledged by the broker before the consumer moves on; if it fails, the batch is retried. Each record sent is
 * counted in {@code shop_events_dead_lettered_total{topic}} (the dead-letter topic), which an alert watches: nothing
 * reads a dead-letter topic by itself; {@code ./shop dlq} lists what waits there and re-drives it.
 */
@ApplicationScoped
@IfBuildProperty(name = "shop.inbox.enabled", stringValue = "true")
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, String> producer;
    private final MeterRegistry registry;

    DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.producer = new KafkaProducer<>(ReliableProducer.config(bootstrapServers, SEND_TIMEOUT, "dead-letters"));
        this.registry = registry;
    }

    public static String topicOf(String topic) {
        return topic + ".dlq";
    }

    public void send(ConsumerRecord<String, String> record, PoisonEventException reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(topicOf(record.topic()), null, record.key(),
                record.value(), record.headers());
        dead.headers().add(header("dead-letter-reason", String.valueOf(reason.getMessage())));
        dead.headers().add(header("dead-letter-topic", record.topic()));
        dead.headers().add(header("dead-letter-partition", String.valueOf(record.partition())));
        dead.headers().add(header("dead-letter-offset", String.valueOf(record.offset())));
        try {
            producer.send(dead).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + where(record), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter " + where(record) + ": " + e.getMessage(), e);
        }
        deadLettered(dead.topic()).increment();
        LOG.warnf("dead-lettered %s to %s: %s", where(record), dead.topic(), reason.getMessage());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private Counter deadLettered(String deadLetterTopic) {
        return Counter.builder("shop.events.dead.lettered")
                .description("Poison events sent to a dead-letter topic")
                .tags("topic", deadLetterTopic)
                .register(registry);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
