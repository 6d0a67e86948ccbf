-- Quarantine of outbox rows whose record can never be published (docs/adr/0022-outbox-quarantine.md): OutboxRelay
-- sets quarantined_at and quarantine_reason instead of published_at and skips the row from then on, so one such
-- row no longer holds up every later event of its service. A person re-publishes it by setting quarantined_at back
-- to null. The retention purge deletes only published rows, so a quarantined row stays until someone decides.
alter table outbox_event
    add column quarantined_at    timestamptz,
    add column quarantine_reason text;
-- The relay's batch query and the backlog count read rows waiting to be published: not the quarantined ones.
drop index outbox_event_unpublished;
create index outbox_event_unpublished on outbox_event (seq) where published_at is null and quarantined_at is null;
-- Counted for the gauge of rows in quarantine (almost always empty).
create index outbox_event_quarantined on outbox_event (seq) where quarantined_at is not null;
