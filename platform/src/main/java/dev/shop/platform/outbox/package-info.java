/**
 * Transactional outbox (docs/design.md section 5): {@link dev.shop.platform.outbox.Outbox} writes an event in the
 * same database transaction as the state change, {@link dev.shop.platform.outbox.OutboxRelay} publishes it to
 * Kafka as a CloudEvent after the commit. Switched on per service with {@code shop.outbox.enabled=true}
 * (build time). The table comes with platform's own Flyway migrations ({@code db/platform}, versions 0.x), which a
 * service adds to its locations: {@code quarkus.flyway.locations=db/migration,db/platform}.
 *
 * <pre>
 * create table outbox_event (
 *     seq          bigserial primary key,        -- publication order
 *     id           uuid not null unique,         -- ce_id
 *     topic        text not null,
 *     message_key  text not null,                -- Kafka key = aggregate id
 *     type         text not null,                -- ce_type, e.g. shop.order.created.v1
 *     source       text not null,
 *     subject      text,
 *     occurred_at  timestamptz not null,
 *     data         text not null,                -- JSON
 *     traceparent  text,
 *     published_at timestamptz,                  -- null until the broker acknowledged it
 *     quarantined_at timestamptz,                -- set instead when the record can never be published (0.4)
 *     quarantine_reason text                     -- e.g. "RecordTooLargeException: The message is ... bytes ..."
 * );
 * create index outbox_event_unpublished on outbox_event (seq) where published_at is null and quarantined_at is null;
 * create index outbox_event_quarantined on outbox_event (seq) where quarantined_at is not null;
 * </pre>
 *
 * A row whose record can never be published (too large, an invalid topic: {@code RecordFaults}) is quarantined
 * rather than retried forever, so it does not hold up the service's later events; it stays in the table (the purge
 * deletes published rows only) until a person re-publishes it by setting {@code quarantined_at} back to null, or
 * deletes it (docs/adr/0022-outbox-quarantine.md).
 *
 * Settings: {@code shop.outbox.poll-interval} (5s), {@code shop.outbox.batch-size} (200),
 * {@code shop.outbox.send-timeout} (30s), {@code shop.outbox.retention} of published rows (P7D),
 * {@code shop.outbox.source} (/shop/&lt;application name&gt;), {@code shop.outbox.relay.enabled} (true).
 */
package dev.shop.platform.outbox;
