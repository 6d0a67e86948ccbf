package dev.shop.platform.events;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The first step of every saga consumer: decode the CloudEvents envelope and continue the trace of the
 * request that caused the event. The handler runs inside a {@code CONSUMER} span whose parent is the event's
 * {@code traceparent} (the relay's publish span), so its database work, its REST calls and the events it appends
 * to the outbox all belong to the same trace: one order's saga is one trace, from the gateway to the last consumer.
 *
 * <pre>{@code
 * @Incoming("order-events")
 * @Blocking
 * public void onOrderEvent(ConsumerRecord<String, String> record) {
 *     incomingEvents.handle(record, saga::apply);
 * }
 * }</pre>
 *
 * The connector's own tracing is switched off for these channels ({@code tracing-enabled=false}): this span is
 * the only consumer span, and its parent is the one stored with the outbox row.
 */
@ApplicationScoped
@IfBuildProperty(name = "shop.inbox.enabled", stringValue = "true")
public class IncomingEvents {

    @Inject
    Tracer tracer;

    /**
     * @throws PoisonEventException when the envelope cannot be understood (the connector dead-letters it)
     */
    public void handle(ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        CloudEvent event = CloudEvent.from(record);
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
            handler.accept(event);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}
