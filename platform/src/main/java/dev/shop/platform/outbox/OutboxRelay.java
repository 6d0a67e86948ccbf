package dev.shop.platform.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.ReliableProducer;
import dev.shop.platform.events.Traceparent;
import dev.shop.platform.jdbc.RetentionPurge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks each row published only after the
 * broker acknowledged it (at-least-once: a crash after the ack and before the mark publishes the row again;
 * consumers drop the duplicate by its {@code ce_id}, see {@code dev.shop.platform.inbox.ProcessedEvents}).
 *
 * <p>Latency: the relay thread is woken right after a transaction that appended an event commits
 * (a CDI observer {@code during = AFTER_SUCCESS}), so publishing does not wait for a polling interval; the
 * poll ({@code shop.outbox.poll-interval}, 5 s) only catches rows committed by another instance or left
 * by a crash.
 *
 * <p>One relay at a time per database: each batch runs in a transaction holding a transaction-scoped
 * advisory lock, so with several replicas of a service exactly one publishes at any moment and the
 * events of one aggregate keep their order (rows are read in insertion order, {@code FOR UPDATE SKIP LOCKED}).
 * Replicas take over within one poll interval when the publishing one dies.
 *
 * <p>Producer: {@code acks=all} and {@code enable.idempotence=true}, set explicitly: a broker-side retry never
 * duplicates or reorders a record.
 *
 * <p>Failures: a send that fails because the broker, the network or the producer is not well (a timeout, a
 * retriable error) leaves its row unpublished, and the relay tries again after a backoff. A send that fails because
 * of the record itself ({@link RecordFaults}: too large, an invalid topic name...) would fail the same way forever
 * and hold up every later event of the service, so the row is <em>quarantined</em> instead: {@code quarantined_at}
 * and {@code quarantine_reason} are set in the batch's transaction, the relay goes on with the next rows at once and
 * never picks the row again. Each one is logged at ERROR (id, type, topic, key, reason) and counted. The events of
 * that aggregate after it are published without it; a person re-publishes it (sets {@code quarantined_at} back to
 * null) or leaves it, see docs/adr/0022-outbox-quarantine.md. The retention purge deletes published rows only, so
 * a quarantined row stays.
 *
 * <p>Tracing: each record is sent in a {@code PRODUCER} span whose parent is the traceparent stored with the row
 * (the request or consumed event that appended it), and that span's traceparent goes out in the record's header:
 * the trace continues across the outbox, and the span's length shows the outbox delay.
 *
 * <p>Metrics: {@code shop_outbox_backlog} (rows waiting to be published, not counting quarantined ones, refreshed by
 * the relay at least once per poll interval), {@code shop_outbox_publish_latency_seconds} (from the row's
 * commit-time timestamp to the broker's ack), {@code shop_outbox_quarantined_total} (rows quarantined) and
 * {@code shop_outbox_quarantined_rows} (rows in quarantine now, refreshed with the backlog).
 */
@ApplicationScoped
@IfBuildProperty(name = "shop.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming the relay's advisory lock in this service's database. */
    private static final long RELAY_LOCK = 0x5348_4f50_4f55_5442L; // "SHOPOUTB"

    private static final String SELECT_BATCH = """
            select id, topic, message_key, type, source, subject, occurred_at, data, traceparent
            from outbox_event where published_at is null and quarantined_at is null
            order by seq limit ? for update skip locked
            """;
    private static final String MARK_PUBLISHED = "update outbox_event set published_at = now() where id = any (?)";
    private static final String MARK_QUARANTINED =
            "update outbox_event set quarantined_at = now(), quarantine_reason = ? where id = ?";
    /** Rows waiting to be published, and rows in quarantine (both partial indexes, see V0_4__outbox_quarantine). */
    private static final String BACKLOG = """
            select (select count(*) from outbox_event where published_at is null and quarantined_at is null),
                   (select count(*) from outbox_event where quarantined_at is not null and published_at is null)
            """;
    /** Published rows only: a quarantined row has no published_at and stays until a person decides. */
    private static final String PURGE = "delete from outbox_event where published_at < now() - make_interval(secs => ?)";

    @Inject
    DataSource dataSource;

    @Inject
    Tracer tracer;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Off only for tests that need committed-but-unpublished rows (a crash between commit and publish). */
    @ConfigProperty(name = "shop.outbox.relay.enabled", defaultValue = "true")
    boolean relayEnabled;

    @ConfigProperty(name = "shop.outbox.poll-interval", defaultValue = "5s")
    Duration pollInterval;

    @ConfigProperty(name = "shop.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "shop.outbox.send-timeout", defaultValue = "30s")
    Duration sendTimeout;

    @ConfigProperty(name = "shop.outbox.retention", defaultValue = "P7D")
    Duration retention;

    private volatile boolean running;
    private volatile Thread thread;
    private Producer<String, String> producer;
    private long lastPurge = System.nanoTime();
    private volatile long backlog;
    private volatile long inQuarantine;
    private long lastBacklogCount;
    private Timer publishLatency;
    private Counter quarantined;

    void start(@Observes StartupEvent startup) {
        Gauge.builder("shop.outbox.backlog", this, relay -> relay.backlog)
                .description("Outbox rows committed but not yet published to Kafka")
                .register(registry);
        publishLatency = Timer.builder("shop.outbox.publish.latency")
                .description("From an outbox row's timestamp to the broker's ack of its record")
                .publishPercentileHistogram()
                .register(registry);
        quarantined = Counter.builder("shop.outbox.quarantined")
                .description("Outbox rows quarantined because their record can never be published")
                .register(registry);
        Gauge.builder("shop.outbox.quarantined.rows", this, relay -> relay.inQuarantine)
                .description("Outbox rows in quarantine now, waiting for a person to re-publish or delete them")
                .register(registry);
        if (!relayEnabled) {
            LOG.warn("outbox relay is switched off (shop.outbox.relay.enabled=false): events stay in the outbox");
            return;
        }
        producer = new KafkaProducer<>(ReliableProducer.config(bootstrapServers, sendTimeout, "outbox-relay"));
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        Thread relay = thread;
        if (relay != null) {
            LockSupport.unpark(relay);
            try {
                relay.join(sendTimeout.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Wakes the relay once the transaction that appended an event has committed (never on rollback). */
    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxAppended appended) {
        Thread relay = thread;
        if (relay != null) {
            LockSupport.unpark(relay);
        }
    }

    private void run() {
        try (Scope untraced = Traceparent.untraced()) {
            relay();
        }
    }

    private void relay() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                int handled = publishBatch();
                backoff = pollInterval;
                if (handled == batchSize) {
                    continue; // more waiting: no pause
                }
                refreshBacklog();
                purgeOccasionally();
                LockSupport.parkNanos(pollInterval.toNanos());
            } catch (Exception e) {
                LOG.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoff.toMillis());
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Publishes one batch in one database transaction: lock the oldest rows waiting, send them, wait for every
     * broker ack, mark the acknowledged rows published and the rows whose record can never be published quarantined,
     * commit. A row whose send failed otherwise stays as it was and is sent again after a backoff (the failure is
     * thrown once the rest of the batch is committed); any failure of the database rolls every mark back.
     *
     * @return how many rows were published or quarantined (0 when another instance holds the relay lock)
     */
    int publishBatch() throws Exception {
        Batch batch;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                batch = publishBatch(connection);
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
        batch.quarantined().forEach(this::reportQuarantined);
        if (batch.retry() != null) {
            throw batch.retry();
        }
        return batch.published() + batch.quarantined().size();
    }

    private Batch publishBatch(Connection connection) throws SQLException, InterruptedException {
        try (Statement lock = connection.createStatement();
                ResultSet locked = lock.executeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")) {
            locked.next();
            if (!locked.getBoolean(1)) {
                return Batch.EMPTY;
            }
        }
        List<Send> sends = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_BATCH)) {
            select.setInt(1, batchSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sends.add(send(rows.getObject("id", UUID.class), rows));
                }
            }
        }
        if (sends.isEmpty()) {
            return Batch.EMPTY;
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<UUID> published = new ArrayList<>();
        List<Quarantined> quarantine = new ArrayList<>();
        Exception retry = null;
        for (Send send : sends) {
            try {
                send.ack().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                publishLatency.record(Duration.between(send.occurredAt(), Instant.now()));
                send.span().end();
                published.add(send.id());
            } catch (ExecutionException | TimeoutException e) {
                Throwable failure = e instanceof ExecutionException ? e.getCause() : e;
                Optional<String> reason = RecordFaults.reason(failure);
                if (reason.isPresent()) {
                    send.failed(failure, "quarantined: the record can never be published");
                    quarantine.add(new Quarantined(send, reason.get()));
                } else {
                    send.failed(failure, "not acknowledged by the broker");
                    if (retry == null) {
                        retry = e;
                    }
                }
            }
        }
        if (!published.isEmpty()) {
            try (PreparedStatement mark = connection.prepareStatement(MARK_PUBLISHED)) {
                Array array = connection.createArrayOf("uuid", published.toArray());
                mark.setArray(1, array);
                mark.executeUpdate();
            }
        }
        if (!quarantine.isEmpty()) {
            try (PreparedStatement mark = connection.prepareStatement(MARK_QUARANTINED)) {
                for (Quarantined row : quarantine) {
                    mark.setString(1, row.reason());
                    mark.setObject(2, row.send().id());
                    mark.addBatch();
                }
                mark.executeBatch();
            }
        }
        LOG.debugf("outbox relay published %d events, quarantined %d", published.size(), quarantine.size());
        return new Batch(published.size(), quarantine, retry);
    }

    /** Once the quarantine is committed: someone has to decide about the row. */
    private void reportQuarantined(Quarantined row) {
        Send send = row.send();
        LOG.errorf("outbox event %s (type %s, topic %s, key %s) quarantined, it can never be published (%s);"
                + " the events after it are published without it. Once the cause is fixed, re-publish it by setting"
                + " its quarantined_at to null (docs/adr/0022-outbox-quarantine.md)", send.id(), send.type(),
                send.topic(), send.key(), row.reason());
        quarantined.increment();
    }

    /** Sends one row's record inside a PRODUCER span that continues the row's stored trace. */
    private Send send(UUID id, ResultSet row) throws SQLException {
        String topic = row.getString("topic");
        String type = row.getString("type");
        Instant occurredAt = row.getTimestamp("occurred_at").toInstant();
        Span span = tracer.spanBuilder("publish " + type)
                .setParent(Traceparent.asParent(row.getString("traceparent")))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", id.toString())
                .setStartTimestamp(occurredAt)
                .startSpan();
        String key = row.getString("message_key");
        CloudEvent event = new CloudEvent(id.toString(), type, row.getString("source"), row.getString("subject"),
                occurredAt, row.getString("data"), Traceparent.of(span.getSpanContext()));
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(event.toRecord(topic, key));
        } catch (RuntimeException e) { // most failures come through the future; the rest is judged the same way
            ack = CompletableFuture.failedFuture(e);
        }
        return new Send(id, type, topic, key, ack, span, occurredAt);
    }

    /** A record on its way to the broker, with the span that ends at its ack. */
    private record Send(UUID id, String type, String topic, String key, Future<RecordMetadata> ack, Span span,
            Instant occurredAt) {

        void failed(Throwable failure, String status) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, status);
            span.end();
        }
    }

    /** A row whose record can never be published, and why. */
    private record Quarantined(Send send, String reason) {
    }

    /**
     * What became of one batch: rows published, rows quarantined, and the first failure that leaves rows to be sent
     * again (null when none did).
     */
    private record Batch(int published, List<Quarantined> quarantined, Exception retry) {

        static final Batch EMPTY = new Batch(0, List.of(), null);
    }

    private void refreshBacklog() {
        if (System.nanoTime() - lastBacklogCount < Duration.ofSeconds(1).toNanos()) {
            return;
        }
        lastBacklogCount = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement count = connection.createStatement();
                ResultSet rows = count.executeQuery(BACKLOG)) {
            rows.next();
            backlog = rows.getLong(1);
            inQuarantine = rows.getLong(2);
        } catch (SQLException e) {
            LOG.debugf("outbox backlog not counted: %s", e.getMessage());
        }
    }

    private void purgeOccasionally() {
        if (System.nanoTime() - lastPurge < Duration.ofHours(1).toNanos()) {
            return;
        }
        lastPurge = System.nanoTime();
        RetentionPurge.run(dataSource, LOG, "outbox", "events published more than " + retention + " ago", PURGE,
                retention.toSeconds());
    }
}
