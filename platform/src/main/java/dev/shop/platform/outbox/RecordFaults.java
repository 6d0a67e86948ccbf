package dev.shop.platform.outbox;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a send that failed because of the record itself, which no retry will ever publish, from one that failed
 * because of the broker, the network or the producer, which a later attempt publishes. {@link OutboxRelay}
 * quarantines the row for the first kind and retries the batch for the second.
 *
 * <p>The record's fault, each because it names a property of that one record:
 * <ul>
 * <li>{@link RecordTooLargeException}: the serialised record is larger than the producer's {@code max.request.size}
 * or {@code buffer.memory} (checked before anything is sent), or than the broker's {@code message.max.bytes} or the
 * topic's {@code max.message.bytes} (the producer splits a batch that is too large and fails only a record that is
 * too large on its own);
 * <li>{@link InvalidTopicException}: the row's topic is not a legal topic name (characters, length) or is a topic
 * no producer may write to;
 * <li>{@link InvalidRecordException}: the broker refuses the record's content (the other records of its batch fail
 * with a plain {@code KafkaException}, which is retried);
 * <li>{@link SerializationException}: the record cannot be serialised.
 * </ul>
 *
 * <p>Everything else means "retry the batch later", as before quarantine existed: timeouts (the producer's
 * {@code TimeoutException}, and ours waiting for the ack), every {@code RetriableException} (a broker down or moving,
 * a disconnect, too few replicas), and on purpose also Kafka's other non-retriable errors, because they concern
 * every record alike: authentication and authorization (an ACL missing for the topic), an unsupported broker
 * version, a fenced or out-of-sequence producer, an unknown server error, a record timestamp the broker finds too
 * far from its clock (the producer stamps records with its own clock), a batch larger than the topic's segment
 * ({@code RecordBatchTooLargeException}: it depends on how records were batched, not on one record). Quarantining
 * for those would set aside every event of the service until someone fixed the cluster and re-published each one by
 * hand; retrying stalls the relay, raises the backlog alert and recovers by itself once the cause is gone.
 */
final class RecordFaults {

    /** The exceptions named above; a subclass counts as its parent. */
    private static final List<Class<? extends Exception>> RECORD_FAULTS = List.of(RecordTooLargeException.class,
            InvalidTopicException.class, InvalidRecordException.class, SerializationException.class);

    /** How deep to look through wrappers such as {@code ExecutionException}. */
    private static final int MAX_CAUSES = 8;

    private RecordFaults() {
    }

    /** Whether this failure of a send is the record's own, so no retry will ever publish it. */
    static boolean isRecordsFault(Throwable failure) {
        return recordFault(failure).isPresent();
    }

    /**
     * The reason to store with a quarantined row, e.g. {@code RecordTooLargeException: The message is 1100119 bytes
     * when serialized which is larger than 1048576, ...}; empty when the failure is not the record's fault.
     */
    static Optional<String> reason(Throwable failure) {
        return recordFault(failure).map(fault -> fault.getClass().getSimpleName() + ": " + fault.getMessage());
    }

    private static Optional<Throwable> recordFault(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            Throwable candidate = cause;
            if (RECORD_FAULTS.stream().anyMatch(fault -> fault.isInstance(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
