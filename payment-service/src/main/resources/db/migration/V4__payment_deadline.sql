-- Payment deadline (ADR 0021): a payment still waiting for its charge (AWAITING, or PENDING and not being cancelled)
-- shop.payments.deadline after it was created is given up by PaymentDeadline as an OrderCancelled would give it up.
-- The job finds them, oldest first, through payment_open (created_at, where still waiting).
create index payment_open on payment (created_at) where status in ('AWAITING', 'PENDING') and not cancel_requested;
