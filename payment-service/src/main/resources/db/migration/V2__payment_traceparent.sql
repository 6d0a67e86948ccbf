-- The trace of the event that last gave the payment work (W3C traceparent): PaymentProcessor's PSP calls, which run
-- later on another thread, continue it, so one order's saga stays one trace through the charge.
alter table payment add column traceparent text;
