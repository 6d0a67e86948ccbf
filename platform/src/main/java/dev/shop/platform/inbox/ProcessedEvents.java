package dev.shop.platform.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.jdbc.RetentionPurge;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;

/**
 * The inbox of an idempotent consumer: records that a consumer has processed an event, in the same database
 * transaction as the event's effect. A redelivered event (Kafka is at-least-once; the outbox relay may
 * publish twice) finds its row and has no second effect.
 *
 * <pre>{@code
 * @Transactional
 * void handle(CloudEvent event) {
 *     if (!processedEvents.firstDelivery("inventory-service", event)) {
 *         return;                              // seen before: its effect is already committed
 *     }
 *     ... the effect, and any events it implies (outbox) ...
 * }
 * }</pre>
 *
 * Rows older than {@code shop.inbox.retention} (default 14 days, twice the outbox's and Kafka's 7-day retention,
 * so no redelivery can outlive its row) are purged hourly. The table is created by platform's migration
 * {@code db/platform/V0_2__inbox.sql}.
 *
 * <p>Two concurrent deliveries of one event (a rebalance) serialise on the primary key: the second insert waits
 * for the first transaction and then finds the row. Offsets are committed only after this transaction
 * (see the consumers), so a crash at any point means redelivery, never loss.
 *
 * <pre>
 * create table processed_event (
 *     consumer     text not null,
 *     event_id     text not null,          -- ce_id
 *     event_type   text not null,
 *     processed_at timestamptz not null default now(),
 *     primary key (consumer, event_id)
 * );
 * </pre>
 */
@ApplicationScoped
@IfBuildProperty(name = "shop.inbox.enabled", stringValue = "true")
public class ProcessedEvents {

    private static final String INSERT = """
            insert into processed_event (consumer, event_id, event_type) values (?, ?, ?)
            on conflict (consumer, event_id) do nothing
            """;

    /** One statement for a whole batch; answers the ids that were new (a duplicate id in the batch counts once). */
    private static final String INSERT_MANY = """
            insert into processed_event (consumer, event_id, event_type)
            select ?, id, type from unnest(?::text[], ?::text[]) as batch (id, type)
            on conflict (consumer, event_id) do nothing
            returning event_id
            """;

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);
    private static final String PURGE = "delete from processed_event where processed_at < now() - make_interval(secs => ?)";

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "shop.inbox.retention", defaultValue = "P14D")
    Duration retention;

    /**
     * @param consumer names the consumer (one service may consume an event in several independent ways)
     * @return true the first time, false when this consumer has already processed the event
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, CloudEvent event) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            insert.setString(3, event.type());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event " + event.id() + " as processed: " + e.getMessage(), e);
        }
    }

    /**
     * Records a batch of events in one statement.
     *
     * @return the ids of the events this consumer sees for the first time (each once, even if the batch holds a
     *         redelivered duplicate)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_MANY)) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text", events.stream().map(CloudEvent::id).toArray()));
            insert.setArray(3, connection.createArrayOf("text", events.stream().map(CloudEvent::type).toArray()));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + events.size() + " events as processed: "
                    + e.getMessage(), e);
        }
    }

    @Scheduled(every = "${shop.inbox.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOld() {
        RetentionPurge.run(dataSource, LOG, "inbox", "events processed more than " + retention + " ago", PURGE,
                retention.toSeconds());
    }
}
