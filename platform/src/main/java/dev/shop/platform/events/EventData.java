package dev.shop.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads and writes the JSON {@code data} of events. Reading is tolerant (a producer may add fields to a
 * {@code v1} event without breaking consumers); unreadable data is a {@link PoisonEventException}.
 */
public final class EventData {

    private EventData() {
    }

    public static <T> T read(ObjectMapper mapper, CloudEvent event, Class<T> type) {
        try {
            T data = mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(event.data());
            if (data == null) {
                throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has null data");
            }
            return data;
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has unreadable data: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static String write(ObjectMapper mapper, Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
