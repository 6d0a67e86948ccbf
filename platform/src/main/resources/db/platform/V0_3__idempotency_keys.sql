-- Idempotency keys of the public API (dev.shop.platform.idempotency.IdempotencyKeys), see docs/design.md section 6.
create table idempotency_key (
    scope             text        not null,
    key               text        not null,
    fingerprint       text        not null,
    response_status   int         not null,
    response_body     text        not null,
    response_location text,
    created_at        timestamptz not null default now(),
    expires_at        timestamptz not null,
    primary key (scope, key)
);
create index idempotency_key_expiry on idempotency_key (expires_at);
