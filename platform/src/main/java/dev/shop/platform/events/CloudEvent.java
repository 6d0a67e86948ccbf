package dev.shop.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One event as it travels on Kafka: CloudEvents 1.0, Kafka protocol binding, <em>binary</em> mode.
 * The attributes are record headers ({@code ce_id}, {@code ce_type}...), the record value is the JSON
 * {@code data}, the record key is the aggregate id (the order id for everything of the saga), so all
 * events of one order land on one partition, in order. The W3C {@code traceparent} rides along in a header.
 *
 * <pre>
 * key            0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10
 * ce_specversion 1.0
 * ce_id          7d1e3c0a-...            (unique per event: the consumers' dedup key)
 * ce_type        shop.order.created.v1   (past tense, versioned)
 * ce_source      /shop/order-service
 * ce_subject     0b8e6a8e-...            (the aggregate id)
 * ce_time        2026-11-21T10:15:30.123Z
 * content-type   application/json
 * traceparent    00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 * value          {"orderId": "0b8e6a8e-...", ...}
 * </pre>
 *
 * @param traceparent W3C trace context of the request that caused the event, or {@code null}
 */
public record CloudEvent(String id, String type, String source, String subject, Instant time, String data,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";
    public static final String TRACEPARENT = "traceparent";
    private static final java.util.regex.Pattern VERSION_SUFFIX = java.util.regex.Pattern.compile("\\.v[0-9]+$");

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** The type without its version suffix: {@code shop.order.created} for {@code shop.order.created.v1}. */
    public String typeFamily() {
        return familyOf(type);
    }

    /** {@code shop.order.created} for {@code shop.order.created.v1}. */
    public static String familyOf(String type) {
        return VERSION_SUFFIX.matcher(type).replaceFirst("");
    }

    /** The Kafka record of this event, keyed by {@code key} (the aggregate id). */
    public ProducerRecord<String, String> toRecord(String topic, String key) {
        List<Header> headers = new ArrayList<>();
        headers.add(header(CE_SPECVERSION, SPEC_VERSION));
        headers.add(header(CE_ID, id));
        headers.add(header(CE_TYPE, type));
        headers.add(header(CE_SOURCE, source));
        if (subject != null) {
            headers.add(header(CE_SUBJECT, subject));
        }
        headers.add(header(CE_TIME, time.toString()));
        headers.add(header(CONTENT_TYPE, JSON));
        if (traceparent != null) {
            headers.add(header(TRACEPARENT, traceparent));
        }
        return new ProducerRecord<>(topic, null, key, data, headers);
    }

    /**
     * Reads an event from a record in binary mode.
     *
     * @throws PoisonEventException when a required attribute is missing or malformed, or the value is empty:
     *         such a record will never be understood, however often it is retried
     */
    public static CloudEvent from(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        String specVersion = text(headers, CE_SPECVERSION);
        if (specVersion != null && !SPEC_VERSION.equals(specVersion)) {
            throw new PoisonEventException("unsupported CloudEvents specversion " + specVersion);
        }
        String id = required(headers, CE_ID);
        String type = required(headers, CE_TYPE);
        String source = required(headers, CE_SOURCE);
        Instant time;
        try {
            time = Instant.parse(required(headers, CE_TIME));
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("ce_time is not an RFC 3339 timestamp: " + text(headers, CE_TIME));
        }
        if (record.value() == null || record.value().isBlank()) {
            throw new PoisonEventException("event " + id + " (" + type + ") has no data");
        }
        return new CloudEvent(id, type, source, text(headers, CE_SUBJECT), time, record.value(),
                text(headers, TRACEPARENT));
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("missing CloudEvents attribute " + name);
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
