package dev.shop.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RecordFaultsTest {

    @Test
    void aRecordThatCanNeverBePublishedIsTheRecordsFault() {
        assertTrue(RecordFaults.isRecordsFault(new RecordTooLargeException("The message is 1100119 bytes")));
        assertTrue(RecordFaults.isRecordsFault(new InvalidTopicException("Invalid topics: [orders events]")));
        assertTrue(RecordFaults.isRecordsFault(new InvalidRecordException("compacted topic cannot accept null key")));
        assertTrue(RecordFaults.isRecordsFault(new SerializationException("cannot serialise")));
    }

    @Test
    void theFailureIsFoundInsideTheExecutionExceptionOfTheAck() {
        ExecutionException ack = new ExecutionException(new RecordTooLargeException("The message is 1100119 bytes"));
        assertTrue(RecordFaults.isRecordsFault(ack));
        assertEquals(Optional.of("RecordTooLargeException: The message is 1100119 bytes"), RecordFaults.reason(ack));
    }

    @Test
    void aBrokerOrNetworkThatIsNotWellIsRetried() {
        assertFalse(RecordFaults.isRecordsFault(new TimeoutException("Expiring 1 record(s) for orders.events-0")));
        assertFalse(RecordFaults.isRecordsFault(new java.util.concurrent.TimeoutException()));
        assertFalse(RecordFaults.isRecordsFault(new ExecutionException(new DisconnectException("disconnected"))));
        assertFalse(RecordFaults.isRecordsFault(new NotEnoughReplicasException("1 of 3 in sync")));
        assertFalse(RecordFaults.isRecordsFault(new IllegalStateException("Cannot send after the producer is closed")));
        assertEquals(Optional.empty(), RecordFaults.reason(new TimeoutException("Expiring 1 record(s)")));
    }

    /** Non-retriable, and still not about one record: each would hit every row of the service alike. */
    @Test
    void aNonRetriableErrorOfTheClusterOrProducerIsRetriedToo() {
        assertFalse(RecordFaults.isRecordsFault(new TopicAuthorizationException("Not authorized to access topics")));
        assertFalse(RecordFaults.isRecordsFault(new UnsupportedVersionException("broker too old")));
        assertFalse(RecordFaults.isRecordsFault(new OutOfOrderSequenceException("out of order")));
        assertFalse(RecordFaults.isRecordsFault(new UnknownServerException("unexpected broker error")));
        assertFalse(RecordFaults.isRecordsFault(new InvalidTimestampException("timestamp out of range")));
        assertFalse(RecordFaults.isRecordsFault(new RecordBatchTooLargeException("batch larger than the segment")));
        assertFalse(RecordFaults.isRecordsFault(new KafkaException(
                "Failed to append record because it was part of a batch which had one more more invalid records")));
    }
}
