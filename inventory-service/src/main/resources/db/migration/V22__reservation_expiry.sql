-- Reservation expiry (ADR 0019): a reservation neither confirmed nor cancelled in time is released by
-- ReservationExpiry and ends EXPIRED. Its units go back with RELEASED movements, exactly as a cancel's do. The job
-- finds them through stock_reservation_open (created_at, where RESERVED).
alter table stock_reservation drop constraint stock_reservation_status_check;
alter table stock_reservation add constraint stock_reservation_status_check
    check (status in ('RESERVED', 'REJECTED', 'COMMITTED', 'RELEASED', 'EXPIRED'));
