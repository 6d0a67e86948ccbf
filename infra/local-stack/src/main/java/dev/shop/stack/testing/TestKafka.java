package dev.shop.stack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's own hands on the test Kafka ({@link TestServers}): put records on a service's topics as its peers
 * would, read what it published (or dead-lettered), and see how far its consumer group has got.
 * Records are strings, as every topic of the shop carries them (CloudEvents in binary mode).
 */
public final class TestKafka {

    private static KafkaProducer<String, String> producer;

    private TestKafka() {
    }

    /** Sends one record and waits until the broker has it ({@code acks=all}). */
    public static RecordMetadata send(ProducerRecord<String, String> record) {
        try {
            return producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + record.topic() + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Sends these records together (one flush: records of one partition travel in one produce request, so a
     * consumer fetches them in one batch) and waits until the broker has them all.
     */
    public static void sendTogether(List<ProducerRecord<String, String>> records) {
        List<java.util.concurrent.Future<RecordMetadata>> acks = records.stream().map(producer()::send).toList();
        producer().flush();
        for (var ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not send: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Every record with this key in the topic right now, oldest first (one key lives on one partition). */
    public static List<ConsumerRecord<String, String>> records(String topic, String key) {
        Properties config = new Properties();
        config.put("bootstrap.servers", TestServers.get().kafkaBootstrapServers());
        config.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    /** Waits for a record with this key that matches, e.g. a given event type. */
    public static ConsumerRecord<String, String> awaitRecord(String topic, String key,
            Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        Await.until(timeout, () -> {
            records(topic, key).stream().filter(matching).findFirst().ifPresent(found::set);
            return found.get() != null;
        }, () -> "no matching record with key " + key + " in " + topic + ", only "
                + records(topic, key).stream().map(TestKafka::describe).toList());
        return found.get();
    }

    /**
     * Waits until consumer group {@code groupId} has committed an offset beyond {@code record}: the consumer
     * is done with it (the shop's consumers commit only after the transaction that applied the record).
     */
    public static void awaitConsumed(String groupId, RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Await.until(timeout, () -> committedOffset(groupId, partition) > record.offset(),
                () -> groupId + " has not consumed " + partition + " offset " + record.offset() + " (committed: "
                        + committedOffset(groupId, partition) + ")");
    }

    /** The value of a record header, or {@code null} when it has none. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long committedOffset(String groupId, TopicPartition partition) {
        Properties config = new Properties();
        config.put("bootstrap.servers", TestServers.get().kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of " + groupId + ": " + e.getCause(), e);
        }
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return record.topic() + "@" + record.offset() + " " + header(record, "ce_type");
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put("bootstrap.servers", TestServers.get().kafkaBootstrapServers());
            config.put("acks", "all");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
            KafkaProducer<String, String> created = producer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> created.close(Duration.ofSeconds(2))));
        }
        return producer;
    }
}
