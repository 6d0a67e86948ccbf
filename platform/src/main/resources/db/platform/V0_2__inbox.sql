-- The inbox of idempotent consumers (dev.shop.platform.inbox.ProcessedEvents): one row per processed event.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
-- ProcessedEvents purges rows older than shop.inbox.retention.
create index processed_event_age on processed_event (processed_at);
