package dev.shop.stack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./shop dlq}: what waits in the dead-letter topics, and re-driving it. A consumer dead-letters an event it can
 * never apply (an unknown version, unusable data) to {@code <topic>.dlq}; once the cause is fixed (a new release
 * that reads the version, corrected data), {@code ./shop dlq redrive <topic>.dlq} publishes each waiting record again
 * to the topic it came from, unchanged but for the dead-letter headers. Re-driving is safe to repeat: the consumers'
 * inbox applies an event id once. What has been re-driven is remembered as the offsets of the consumer group
 * {@value #GROUP}, so a record is re-driven once, and {@code ./shop dlq} counts only what still waits.
 */
public final class DeadLetterQueues implements AutoCloseable {

    static final String GROUP = "shop-dlq-redrive";
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final String DEAD_LETTER_HEADER_PREFIX = "dead-letter-";

    private final KafkaConsumer<String, String> consumer;
    private final String bootstrapServers;

    public DeadLetterQueues(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** One dead-letter topic: how many records wait, and the reasons of the first of them. */
    public record Waiting(String topic, long count, List<String> reasons) {
    }

    /** Records of this dead-letter topic not re-driven yet (reasons of the first few, for the listing). */
    public Waiting waiting(String deadLetterTopic) {
        List<TopicPartition> partitions = partitionsOf(deadLetterTopic);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = startOffsets(partitions);
        long count = partitions.stream().mapToLong(p -> Math.max(0, ends.get(p) - starts.get(p))).sum();
        List<String> reasons = new ArrayList<>();
        if (count > 0) {
            forEachWaiting(deadLetterTopic, record -> { // the count comes from the offsets: read only 5 records
                reasons.add(header(record, "dead-letter-reason") + " (" + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + ")");
                return reasons.size() < 5;
            });
            consumer.unsubscribe();
        }
        return new Waiting(deadLetterTopic, count, reasons);
    }

    /** Publishes every waiting record of this dead-letter topic to the topic it came from; returns how many. */
    public int redrive(String deadLetterTopic) {
        List<ConsumerRecord<String, String>> waiting = new ArrayList<>();
        forEachWaiting(deadLetterTopic, waiting::add); // add returns true: read all
        if (waiting.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (ConsumerRecord<String, String> record : waiting) {
                send(producer, again(record));
                done.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
        }
        consumer.commitSync(done);
        consumer.unsubscribe();
        return waiting.size();
    }

    /** The record as it was before it was dead-lettered, to its original topic, saying it was re-driven. */
    static ProducerRecord<String, String> again(ConsumerRecord<String, String> dead) {
        String origin = header(dead, "dead-letter-topic");
        if (origin.isEmpty()) {
            origin = dead.topic().replaceFirst("\\.dlq$", "");
        }
        List<Header> headers = new ArrayList<>();
        for (Header header : dead.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(new RecordHeader("redriven-at", Instant.now().toString().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(origin, null, dead.key(), dead.value(), headers);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private interface RecordSink {
        /** @return whether to go on reading */
        boolean accept(ConsumerRecord<String, String> record);
    }

    /** Reads the topic from the group's offsets up to the end offsets of now, or until the sink has enough. */
    private void forEachWaiting(String deadLetterTopic, RecordSink sink) {
        List<TopicPartition> partitions = partitionsOf(deadLetterTopic);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = startOffsets(partitions);
        consumer.assign(partitions);
        partitions.forEach(p -> consumer.seek(p, starts.get(p)));
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                        && !sink.accept(record)) {
                    return;
                }
            }
        }
    }

    /** Where the group left off, or the beginning of the partition for a partition it never committed. */
    private Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            starts.put(partition, Math.max(beginnings.get(partition), offset == null ? 0 : offset.offset()));
        }
        return starts;
    }

    private List<TopicPartition> partitionsOf(String topic) {
        var info = consumer.partitionsFor(topic);
        if (info == null || info.isEmpty()) {
            throw new StackException("no topic " + topic + " on " + bootstrapServers);
        }
        return info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while re-driving to " + record.topic());
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("cannot re-drive to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** {@code ./shop dlq [redrive <topic>.dlq | redrive --all]} against the local stack's Kafka. */
    public static void main(String[] args) {
        StackSettings settings = StackSettings.fromEnvironment();
        String kafka = "127.0.0.1:" + settings.port(StackSettings.KAFKA);
        List<String> deadLetterTopics = Topics.ALL.stream().filter(t -> t.endsWith(".dlq")).toList();
        try (DeadLetterQueues queues = new DeadLetterQueues(kafka)) {
            if (args.length == 0) {
                for (String topic : deadLetterTopics) {
                    Waiting waiting = queues.waiting(topic);
                    Console.info(String.format("  %-22s %d waiting", topic, waiting.count()));
                    waiting.reasons().forEach(reason -> Console.info("      " + reason));
                }
                Console.info("Re-drive one topic with ./shop dlq redrive <topic>.dlq, or all with ./shop dlq redrive --all.");
            } else if (args.length == 2 && args[0].equals("redrive")) {
                List<String> topics = args[1].equals("--all") ? deadLetterTopics : List.of(args[1]);
                for (String topic : topics) {
                    if (!deadLetterTopics.contains(topic)) {
                        throw new StackException("not a dead-letter topic: " + topic + " (one of "
                                + String.join(", ", deadLetterTopics) + ")");
                    }
                    Console.info("  " + topic + ": re-drove " + queues.redrive(topic) + " record(s)");
                }
            } else {
                Console.error("usage: ./shop dlq [redrive <topic>.dlq | redrive --all]");
                System.exit(2);
            }
        } catch (StackException | org.apache.kafka.common.KafkaException e) {
            Console.error("FAILED: " + e.getMessage() + " (is the stack running? ./shop status)");
            System.exit(1);
        }
    }
}
