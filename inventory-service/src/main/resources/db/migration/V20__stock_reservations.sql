-- Stock reservations of the order saga: one per order, all lines or none.
create table stock_reservation (
    order_id   uuid        primary key,
    status     text        not null check (status in ('RESERVED', 'REJECTED', 'COMMITTED', 'RELEASED')),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    int         not null
);
-- Invariant checks and operators: what is still held.
create index stock_reservation_open on stock_reservation (created_at) where status = 'RESERVED';

create table stock_reservation_line (
    order_id   uuid not null references stock_reservation (order_id),
    product_id uuid not null,
    quantity   int  not null check (quantity > 0),
    primary key (order_id, product_id)
);
