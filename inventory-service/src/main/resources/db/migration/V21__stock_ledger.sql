-- The stock ledger: every change of products.available_stock appends one movement here in the same transaction
-- (after a product's creation even in the same SQL statement, see StockLedger.java). Append-only: a movement is
-- never changed or removed.
-- So for every product, at any time:
--   sum(delta)                                   = available_stock
--   sum(delta of INITIAL and ADMIN_SET movements) = available_stock + held (RESERVED reservations) + sold (COMMITTED)
-- InvariantChecker checks both.
create table stock_movement (
    seq         bigserial   primary key,
    product_id  uuid        not null references products (id),
    delta       int         not null,
    -- INITIAL: the product's stock when it was created; ADMIN_SET: an admin's count of the shelf (new - old);
    -- RESERVED: taken for an order (negative); RELEASED: given back when that order was cancelled (positive).
    reason      text        not null check (reason in ('INITIAL', 'ADMIN_SET', 'RESERVED', 'RELEASED')),
    order_id    uuid,
    occurred_at timestamptz not null default now(),
    constraint stock_movement_order_iff_reservation
        check ((order_id is not null) = (reason in ('RESERVED', 'RELEASED'))),
    constraint stock_movement_sign_fits_reason
        check (case reason when 'INITIAL' then delta >= 0
                           when 'RESERVED' then delta < 0
                           when 'RELEASED' then delta > 0
                           else true end)
);
create index stock_movement_product on stock_movement (product_id);
-- One opening per product; an order takes a product's units once and gives them back at most once.
create unique index stock_movement_one_initial on stock_movement (product_id) where reason = 'INITIAL';
create unique index stock_movement_once_per_order on stock_movement (order_id, product_id, reason)
    where order_id is not null;

create function stock_movement_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'stock_movement is append-only (% of movement %)', tg_op, old.seq;
end
$$;
create trigger stock_movement_append_only before update or delete on stock_movement
    for each row execute function stock_movement_append_only();

-- Backfill: the products and reservations that exist already. Their history before this migration is unknown, so
-- each product opens with what it holds today plus what its reservations took: INITIAL = available + held + sold.
-- Then every reservation that took stock gets its RESERVED movements, and a released one its RELEASED movements,
-- so the ledger sums to available_stock from the first moment on.
insert into stock_movement (product_id, delta, reason, occurred_at)
select p.id, p.available_stock + coalesce(taken.quantity, 0), 'INITIAL', p.created_at
from products p
left join (select l.product_id, sum(l.quantity) as quantity
           from stock_reservation_line l
           join stock_reservation r on r.order_id = l.order_id
           where r.status in ('RESERVED', 'COMMITTED')
           group by l.product_id) taken on taken.product_id = p.id
order by p.seq;

insert into stock_movement (product_id, delta, reason, order_id, occurred_at)
select l.product_id, -l.quantity, 'RESERVED', l.order_id, r.created_at
from stock_reservation_line l
join stock_reservation r on r.order_id = l.order_id
where r.status in ('RESERVED', 'COMMITTED', 'RELEASED')
order by r.created_at, l.order_id, l.product_id;

insert into stock_movement (product_id, delta, reason, order_id, occurred_at)
select l.product_id, l.quantity, 'RELEASED', l.order_id, r.updated_at
from stock_reservation_line l
join stock_reservation r on r.order_id = l.order_id
where r.status = 'RELEASED'
order by r.updated_at, l.order_id, l.product_id;
