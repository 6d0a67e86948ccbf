package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.shop.stack.testing.TestKafka;
import dev.shop.stack.testing.TestServers;

/** `./shop dlq redrive`: a dead-lettered event goes back to its topic once, as it was before it was dead-lettered. */
class DeadLetterQueuesTest {

    static DeadLetterQueues queues;

    @BeforeAll
    static void connect() {
        queues = new DeadLetterQueues(TestServers.get().kafkaBootstrapServers());
        queues.redrive("users.events.dlq"); // whatever an earlier test left there
    }

    @AfterAll
    static void close() {
        queues.close();
    }

    @Test
    void aDeadLetteredEventIsRedrivenOnceToItsTopicWithoutTheDeadLetterHeaders() {
        String key = UUID.randomUUID().toString();
        ProducerRecord<String, String> dead = new ProducerRecord<>("users.events.dlq", key, "{\"userId\":\"" + key + "\"}");
        dead.headers().add(new RecordHeader("ce_type", "shop.users.UserRegistered.v9".getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader("dead-letter-reason", "unknown version v9".getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader("dead-letter-topic", "users.events".getBytes(StandardCharsets.UTF_8)));
        TestKafka.send(dead);

        assertEquals(1, queues.waiting("users.events.dlq").count());
        assertEquals(1, queues.redrive("users.events.dlq"));

        ConsumerRecord<String, String> again = TestKafka.records("users.events", key).getFirst();
        assertEquals(dead.value(), again.value());
        assertEquals("shop.users.UserRegistered.v9", TestKafka.header(again, "ce_type"));
        assertNull(TestKafka.header(again, "dead-letter-reason"));
        assertNotNull(TestKafka.header(again, "redriven-at"));
        assertEquals(0, queues.waiting("users.events.dlq").count());
        assertEquals(0, queues.redrive("users.events.dlq"));
        assertEquals(1, TestKafka.records("users.events", key).size());
    }
}
