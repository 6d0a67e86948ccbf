-- Orders and their saga timeline (owned by order-service only).
create table orders (
    id             uuid primary key,
    customer_id    text        not null,          -- token sub
    status         text        not null check (status in ('PENDING', 'STOCK_RESERVED', 'CONFIRMED', 'CANCELLED')),
    cancel_reason  text check (cancel_reason in ('OUT_OF_STOCK', 'PAYMENT_DECLINED', 'CUSTOMER_CANCELLED', 'TIMEOUT')),
    total_cents    bigint      not null check (total_cents >= 0),
    currency       text        not null,
    payment_method text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    deadline_at    timestamptz not null,
    version        int         not null
);
-- GET /orders: own orders, newest first, optionally by status (keyset pagination on created_at, id).
create index orders_by_customer on orders (customer_id, created_at desc, id desc);
-- The saga deadline sweep: only open orders.
create index orders_open_by_deadline on orders (deadline_at) where status in ('PENDING', 'STOCK_RESERVED');

create table order_line (
    order_id         uuid   not null references orders (id),
    line_no          int    not null,
    product_id       uuid   not null,
    quantity         int    not null check (quantity > 0),
    unit_price_cents bigint not null check (unit_price_cents >= 0),
    primary key (order_id, line_no)
);

create table order_timeline (
    order_id uuid        not null references orders (id),
    step_no  int         not null,
    step     text        not null,
    at       timestamptz not null,
    detail   text,
    primary key (order_id, step_no)
);

-- Platform plumbing (dev.shop.platform.outbox / inbox / idempotency; schemas documented there).
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
