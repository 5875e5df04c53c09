-- Security (issue 9): who submitted a message, and which senders an administrator granted to whom.

-- The authenticated principal that submitted the message; null for in-server callers and for
-- messages the spooler made itself (reports, received mail).
alter table spool_message add column submitted_by varchar(200);
create index spool_message_submitted_by on spool_message (submitted_by);

create sequence spool_sender_grant_seq start with 1 increment by 1;
create table spool_sender_grant (
    id bigint not null,
    principal varchar(200) not null,
    pattern varchar(330) not null,
    granted_at timestamp(6) with time zone not null,
    granted_by varchar(200),
    constraint spool_sender_grant_pk primary key (id),
    constraint spool_sender_grant_unique unique (principal, pattern)
);
