package dev.shop.platform.events;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One consumer's table "event type -> handler". A handler receives the event's data, read tolerantly into its
 * class, and runs inside the transaction that also records the event in the inbox (so it may lock rows, change
 * aggregates and append to the outbox). A handler that finds the data unusable throws
 * {@link PoisonEventException}; any other exception is transient and the event is retried.
 *
 * <p>Types are versioned ({@code shop.order.created.v1}). An event of a <em>family</em> this table handles in a
 * version it does not know is poison (skipping it would silently skip a step of the saga); an event of any
 * other family is none of this consumer's business and is ignored without an inbox row.
 */
public final class EventHandlers {

    private final String consumer;
    private final Map<String, Handler<?>> byType = new LinkedHashMap<>();
    private final Set<String> families = new HashSet<>();

    private EventHandlers(String consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** @param consumer the name under which the inbox remembers processed events, e.g. {@code order-service} */
    public static EventHandlers of(String consumer) {
        return new EventHandlers(consumer);
    }

    public <T> EventHandlers on(String type, Class<T> dataType, Consumer<T> handler) {
        if (byType.putIfAbsent(type, new Handler<>(dataType, handler)) != null) {
            throw new IllegalArgumentException("two handlers for " + type);
        }
        families.add(CloudEvent.familyOf(type));
        return this;
    }

    public String consumer() {
        return consumer;
    }

    /** The versioned types this table handles, e.g. {@code shop.order.created.v1}. */
    public Set<String> types() {
        return byType.keySet();
    }

    /** Whether the event belongs to a family this consumer handles (then it is applied, or poison). */
    public boolean concerns(CloudEvent event) {
        return families.contains(event.typeFamily());
    }

    /** Runs the event's handler. @throws PoisonEventException for an unknown version or unusable data */
    public void dispatch(CloudEvent event, ObjectMapper mapper) {
        Handler<?> handler = byType.get(event.type());
        if (handler == null) {
            throw new PoisonEventException("unsupported version of " + event.typeFamily() + ": " + event.type());
        }
        handler.apply(event, mapper);
    }

    private record Handler<T>(Class<T> dataType, Consumer<T> body) {

        void apply(CloudEvent event, ObjectMapper mapper) {
            body.accept(EventData.read(mapper, event, dataType));
        }
    }
}
