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
