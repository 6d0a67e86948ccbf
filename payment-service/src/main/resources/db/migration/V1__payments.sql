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
