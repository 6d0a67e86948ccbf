-- Payments of orders (owned by payment-service only). One per order; the order id is the PSP idempotency key.
create table payment (
    id              uuid primary key,
    order_id        uuid        not null unique,
    customer_id     text,                           -- known from OrderCreated
    amount_cents    bigint check (amount_cents >= 0),
    currency        text,
    payment_method  text,
    status          text        not null check (status in ('AWAITING', 'PENDING', 'CAPTURED', 'DECLINED',
                                                           'REFUND_PENDING', 'REFUNDED', 'CANCELLED')),
    stock_reserved  boolean     not null,
    cancel_requested boolean    not null,
    charge_id       text,
    failure_code    text,
    attempts        int         not null,
    next_attempt_at timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         int         not null
);
-- PaymentProcessor: the work due now (charges and refunds), oldest first.
create index payment_due on payment (next_attempt_at) where status in ('PENDING', 'REFUND_PENDING');

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

create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

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
