-- Answers outside the PSP's contract (ADR 0015): each payment counts them, and after shop.payments.max-unexpected-answers
-- it ends NEEDS_REVIEW, a status outside the index payment_due, so PaymentProcessor never calls the PSP for it again.
alter table payment add column unexpected_answers int not null default 0;
alter table payment drop constraint payment_status_check;
alter table payment add constraint payment_status_check check (status in ('AWAITING', 'PENDING', 'CAPTURED',
    'DECLINED', 'REFUND_PENDING', 'REFUNDED', 'CANCELLED', 'NEEDS_REVIEW'));
