-- When the stage message that carries a recipient on is due; the sweep for stranded recipients sends on
-- those still waiting long after it (README, "When a node dies"). Null: the message's own time.
alter table spool_recipient add column due_at timestamp(6) with time zone;

-- A recipient deferred before this column existed is due at its next attempt.
update spool_recipient set due_at = next_attempt_at
    where next_attempt_at is not null and status in ('PENDING', 'DEFERRED');

-- The sweep looks for waiting recipients by status and due time.
create index spool_recipient_status_due on spool_recipient (status, due_at);
