package dev.shop.platform.events;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.platform.inbox.ProcessedEvents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * The one event pipeline of every saga participant. Each service's {@code messaging.SagaEventsConsumer} receives the
 * channel {@value #CHANNEL} in batches (the service lists its topics; platform's
 * {@code META-INF/microprofile-config.properties} holds the rest of the channel's settings) and hands every batch to
 * {@link #route}, which hands each event to the service's {@link SagaParticipant} table:
 *
 * <pre>
 * Kafka batch ──> CloudEvent envelope ──(malformed)──────────────────────────────> &lt;topic&gt;.dlq
 *                      │
 *                      ▼  one transaction for the whole batch
 *                 inbox: one multi-row insert (events seen before drop out)
 *                      ▼
 *                 per event: CONSUMER span (parent = the event's traceparent) ─> handler by versioned type
 *                      ▼
 *                 commit ──> return: the connector acknowledges, the offsets are committed (throttled)
 *
 * the batch failed ──> roll back, then one transaction per event:
 *                      poison (unknown version, unusable data) ──> &lt;topic&gt;.dlq, the others are applied once
 *                      anything else (database down, lock conflict) ──> the whole batch is retried with backoff
 * </pre>
 *
 * Batches make an event cheaper as load rises: one transaction, one inbox statement and one commit for up to
 * {@code max.poll.records} events. The inbox makes the retry of a partly applied batch harmless. A batch is retried
 * for up to ten minutes with exponential backoff; after that the channel fails ({@code failure-strategy=fail}), the
 * service reports itself unhealthy, and a restart redelivers from the last committed offset: nothing is dropped.
 */
@ApplicationScoped
@IfBuildProperty(name = "shop.inbox.enabled", stringValue = "true")
public class EventRouter {

    public static final String CHANNEL = "saga-events";
    private static final Logger LOG = Logger.getLogger(EventRouter.class);

    private final EventHandlers handlers;
    private final ProcessedEvents inbox;
    private final DeadLetters deadLetters;
    private final ObjectMapper mapper;
    private final Tracer tracer;

    EventRouter(SagaParticipant participant, ProcessedEvents inbox, DeadLetters deadLetters, ObjectMapper mapper,
            Tracer tracer) {
        this.handlers = participant.handlers();
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.tracer = tracer;
    }

    /**
     * Applies a batch; returns once its effects are committed (the connector acknowledges then).
     *
     * @throws RuntimeException only after ten minutes of failing retries (the channel then stops)
     */
    @Retry(maxRetries = -1, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 30_000)
    public void route(ConsumerRecords<String, String> records) {
        List<Delivery> batch = decode(records);
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> applyAll(batch));
        } catch (RuntimeException failed) {
            LOG.debugf("a batch of %d events failed (%s): applying them one by one", batch.size(), failed.toString());
            batch.forEach(this::applyAlone);
        }
    }

    /** An event with the record it came in. */
    private record Delivery(ConsumerRecord<String, String> record, CloudEvent event) {
    }

    /** The events of this consumer's families; a record that is not a readable CloudEvent is dead-lettered. */
    private List<Delivery> decode(ConsumerRecords<String, String> records) {
        List<Delivery> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent event = CloudEvent.from(record);
                if (handlers.concerns(event)) {
                    batch.add(new Delivery(record, event));
                }
            } catch (PoisonEventException poison) {
                deadLetters.send(record, poison);
            }
        }
        return batch;
    }

    private void applyAll(List<Delivery> batch) {
        Set<String> fresh = inbox.firstDeliveries(handlers.consumer(), batch.stream().map(Delivery::event).toList());
        for (Delivery delivery : batch) {
            if (fresh.remove(delivery.event().id())) { // remove: a duplicate inside the batch is applied once
                applyTraced(delivery);
            }
        }
    }

    private void applyAlone(Delivery delivery) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (inbox.firstDelivery(handlers.consumer(), delivery.event())) {
                    applyTraced(delivery);
                }
            });
        } catch (RuntimeException failed) {
            PoisonEventException poison = poisonIn(failed);
            if (poison == null) {
                throw failed; // transient: the whole batch is retried, the inbox skips what was applied
            }
            deadLetters.send(delivery.record(), poison);
        }
    }

    /** Runs the handler in a CONSUMER span whose parent is the event's traceparent: one saga, one trace. */
    private void applyTraced(Delivery delivery) {
        CloudEvent event = delivery.event();
        ConsumerRecord<String, String> record = delivery.record();
        Span span = tracer.spanBuilder("consume " + event.type())
                .setParent(Traceparent.asParent(event.traceparent()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.kafka.destination.partition", (long) record.partition())
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            handlers.dispatch(event, mapper);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private static PoisonEventException poisonIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonEventException poison) {
                return poison;
            }
        }
        return null;
    }
}
