package dev.shop.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.shop.platform.jdbc.RetentionPurge;
import dev.shop.platform.problem.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;

/**
 * Idempotency keys for unsafe requests (docs/design.md section 6, after the IETF httpapi Idempotency-Key draft and
 * Stripe). The key record lives in the service's PostgreSQL and is written in the <em>same transaction</em> as
 * the effect, so "effect without key" and "key without effect" cannot happen.
 *
 * <pre>{@code
 * String key = IdempotencyKeys.require(header);                       // 400 when missing or too long
 * Fingerprint fp = Fingerprint.of(mapper, body);
 * keys.find(scope, key, fp).ifPresent(replay -> ...);              // fast path, no lock
 * ... slow read-only work (price lookup) ...
 * QuarkusTransaction.requiringNew().call(() -> {
 *     Optional<StoredResponse> stored = keys.claim(scope, key, fp); // 409 in flight, 422 other body
 *     if (stored.isPresent()) return stored.get();                  // replay
 *     ... the effect ...
 *     keys.remember(scope, key, fp, response);
 * });
 * }</pre>
 *
 * <ul>
 * <li>scope: the caller (token {@code sub}) and the operation, so two customers never share a key;</li>
 * <li>in flight: {@link #claim} takes a transaction-scoped advisory lock on (scope, key) without waiting; while
 *     the first request's transaction runs, a second gets 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT} with
 *     {@code Retry-After: 1}; after it committed, the second finds the stored answer: exactly one effect;</li>
 * <li>same key, other body (by fingerprint of the parsed request): 422 {@code IDEMPOTENCY_KEY_REUSED};</li>
 * <li>retention: {@code shop.idempotency.retention} (default and minimum 24 h); expired keys are purged hourly.</li>
 * </ul>
 *
 * The table comes with platform's migration {@code db/platform/V0_3__idempotency_keys.sql}:
 * <pre>
 * create table idempotency_key (
 *     scope             text not null,
 *     key               text not null,
 *     fingerprint       text not null,
 *     response_status   int  not null,
 *     response_body     text not null,
 *     response_location text,
 *     created_at        timestamptz not null default now(),
 *     expires_at        timestamptz not null,
 *     primary key (scope, key)
 * );
 * </pre>
 */
@ApplicationScoped
@IfBuildProperty(name = "shop.idempotency.enabled", stringValue = "true")
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    private static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    private static final String SELECT = """
            select fingerprint, response_status, response_body, response_location from idempotency_key
            where scope = ? and key = ? and expires_at > now()
            """;
    private static final String UPSERT = """
            insert into idempotency_key
                (scope, key, fingerprint, response_status, response_body, response_location, expires_at)
            values (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
            on conflict (scope, key) do update set fingerprint = excluded.fingerprint,
                response_status = excluded.response_status, response_body = excluded.response_body,
                response_location = excluded.response_location, created_at = now(), expires_at = excluded.expires_at
            """;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "shop.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    /** Validates the header: 400 {@code IDEMPOTENCY_KEY_MISSING} or {@code IDEMPOTENCY_KEY_INVALID}. */
    public static String require(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_MISSING", "Idempotency-Key missing",
                    "This request changes state: send an Idempotency-Key header (e.g. a new UUID per intended "
                            + "operation) and send the same key when you retry it.");
        }
        if (header.length() > MAX_KEY_LENGTH) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key invalid",
                    "An Idempotency-Key has at most " + MAX_KEY_LENGTH + " characters.");
        }
        return header;
    }

    /**
     * Fast path before any slow work, without a lock: the stored answer for this key, or empty when the key is
     * new (or still in flight).
     *
     * @throws ProblemException 422 when the key was used with another request body
     */
    public Optional<StoredResponse> find(String scope, String key, Fingerprint fingerprint) {
        try (Connection connection = dataSource.getConnection()) {
            return stored(connection, scope, key, fingerprint);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read idempotency key: " + e.getMessage(), e);
        }
    }

    /**
     * Claims the key for the current transaction, which must also perform the effect and {@link #remember} it.
     *
     * @return the stored answer to replay, or empty: go ahead
     * @throws ProblemException 409 while another request with this key is in flight, 422 for another body
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> claim(String scope, String key, Fingerprint fingerprint) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, lockId(scope, key));
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        throw new ProblemException(409, "IDEMPOTENCY_KEY_IN_FLIGHT", "Request in flight",
                                "A request with this Idempotency-Key is still being processed; retry it later "
                                        + "with the same key to get its answer.")
                                .retryAfter(Duration.ofSeconds(1));
                    }
                }
            }
            return stored(connection, scope, key, fingerprint);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim idempotency key: " + e.getMessage(), e);
        }
    }

    /** Stores the answer with the key, in the transaction of the effect. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String scope, String key, Fingerprint fingerprint, StoredResponse response) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, scope);
            upsert.setString(2, key);
            upsert.setString(3, fingerprint.value());
            upsert.setInt(4, response.status());
            upsert.setString(5, response.body());
            upsert.setString(6, response.location());
            upsert.setLong(7, effectiveRetention().toSeconds());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store idempotency key: " + e.getMessage(), e);
        }
    }

    @Scheduled(every = "${shop.idempotency.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        RetentionPurge.run(dataSource, LOG, "idempotency keys", "expired keys",
                "delete from idempotency_key where expires_at < now()");
    }

    private Duration effectiveRetention() {
        return retention.compareTo(MINIMUM_RETENTION) < 0 ? MINIMUM_RETENTION : retention;
    }

    private static Optional<StoredResponse> stored(Connection connection, String scope, String key,
            Fingerprint fingerprint) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, scope);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                if (!fingerprint.value().equals(rows.getString("fingerprint"))) {
                    throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key reused",
                            "This Idempotency-Key was already used with a different request body. "
                                    + "Use a new key for a new operation.");
                }
                return Optional.of(new StoredResponse(rows.getInt("response_status"), rows.getString("response_body"),
                        rows.getString("response_location")));
            }
        }
    }

    /** 64 bits of SHA-256 over scope and key: the advisory lock's id (a collision only costs a spurious 409). */
    static long lockId(String scope, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((scope + '\n' + key).getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = (id << 8) | (digest[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored answer: replayed with the same status and body, plus {@code Idempotent-Replayed: true}. */
    public record StoredResponse(int status, String body, String location) {
    }

    /**
     * SHA-256 of the request as parsed and serialised again, so whitespace and field order of the JSON text do not
     * matter (a record serialises its fields in declaration order, always the same).
     */
    public record Fingerprint(String value) {

        public static Fingerprint of(com.fasterxml.jackson.databind.ObjectMapper mapper, Object request) {
            try {
                byte[] canonical = mapper.writeValueAsBytes(request);
                return new Fingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("cannot fingerprint request: " + e.getMessage(), e);
            }
        }
    }
}
