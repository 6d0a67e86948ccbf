package dev.shop.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.platform.events.EventData;
import dev.shop.platform.events.Traceparent;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The write side of the transactional outbox: records an event in the {@code outbox_event} table
 * <em>in the caller's database transaction</em>, next to the state change that implies it. Either both
 * commit or neither does; {@link OutboxRelay} publishes committed rows to Kafka afterwards, so a crash
 * between commit and publish loses nothing (the row is still there at restart).
 *
 * <pre>{@code
 * @Transactional
 * public Order place(...) {
 *     Order order = Order.place(...);
 *     orders.persist(order);
 *     outbox.append("orders.events", order.id(), "shop.order.created.v1", new OrderCreated(...));
 *     return order;
 * }
 * }</pre>
 */
@ApplicationScoped
@IfBuildProperty(name = "shop.outbox.enabled", stringValue = "true")
public class Outbox {

    private static final String INSERT = """
            insert into outbox_event (id, topic, message_key, type, source, subject, occurred_at, data, traceparent)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String OLDEST_UNPUBLISHED =
            "select occurred_at from outbox_event where published_at is null and quarantined_at is null order by seq limit 1";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    Event<OutboxAppended> appended;

    /**
     * The CloudEvents {@code source} of this service's events: {@code shop.outbox.source}, else
     * {@code /shop/<application name>}. Built here, not as the annotation's default value: an expression in a
     * default value is not expanded, and events went out with the literal {@code /shop/${quarkus.application.name}}.
     */
    @ConfigProperty(name = "shop.outbox.source")
    Optional<String> configuredSource;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /**
     * Appends one event; the relay is woken as soon as the surrounding transaction commits.
     *
     * @param aggregateId the Kafka key and the CloudEvents {@code subject}, e.g. the order id
     * @param data        serialised to JSON with the service's ObjectMapper
     * @return the event id ({@code ce_id}), the consumers' dedup key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, Object aggregateId, String type, Object data) {
        UUID id = UUID.randomUUID();
        String key = aggregateId.toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, type);
            insert.setString(5, source());
            insert.setString(6, key);
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.setString(8, EventData.write(mapper, data));
            insert.setString(9, Traceparent.current());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append " + type + " to the outbox: " + e.getMessage(), e);
        }
        appended.fire(new OutboxAppended(id));
        return id;
    }

    /** When the oldest event not yet published was appended; empty when the relay has published everything. */
    public Optional<Instant> oldestUnpublished() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(OLDEST_UNPUBLISHED);
                ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getTimestamp(1).toInstant()) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox: " + e.getMessage(), e);
        }
    }

    /** The CloudEvents {@code source} of this service's events. */
    public String source() {
        return configuredSource.orElse("/shop/" + applicationName);
    }

    /** Fired inside the transaction; {@link OutboxRelay} observes it after a successful commit. */
    public record OutboxAppended(UUID eventId) {
    }

}
