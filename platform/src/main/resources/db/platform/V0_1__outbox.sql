-- The transactional outbox (dev.shop.platform.outbox.Outbox appends, OutboxRelay publishes and purges).
-- Platform migrations use versions 0.x, so they run before a service's own V1 in a fresh database.
create table outbox_event (
    seq          bigserial primary key,
    id           uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    type         text        not null,
    source       text        not null,
    subject      text,
    occurred_at  timestamptz not null,
    data         text        not null,
    traceparent  text,
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
