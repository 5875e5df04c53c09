-- RFC 3461 RET: what a failure report returns of the message, FULL or HDRS; null when the sender
-- did not say (the spooler then returns the whole message).
alter table spool_message add column dsn_ret varchar(4);
