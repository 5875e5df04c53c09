-- Inbound mail (accounts, post-processing, mailbox arrivals) and the JMS interface (issue 8).

alter table spool_message add column preprocessed_at timestamp(6) with time zone;
-- Null for entries filed before arrivals were marked.
alter table spool_filed_message add column arrival boolean;

-- A fetched message per account, at most once (receipts dedupe by Message-ID or content hash).
create sequence spool_inbound_receipt_seq start with 1 increment by 50;
create table spool_inbound_receipt (
    id bigint not null,
    account varchar(64) not null,
    message_key varchar(250) not null,
    message_id uuid not null,
    received_at timestamp(6) with time zone not null,
    constraint spool_inbound_receipt_pk primary key (id),
    constraint spool_inbound_receipt_account_key_uk unique (account, message_key)
);

-- A message a stage gave up on, and why (tracking API).
create table spool_dead_letter (
    id uuid not null,
    message_id uuid not null,
    stage varchar(40) not null,
    hook varchar(100),
    reason varchar(2000) not null,
    dead_at timestamp(6) with time zone not null,
    constraint spool_dead_letter_pk primary key (id)
);
create index spool_dead_letter_message on spool_dead_letter (message_id, dead_at);

-- An arrival a post-processing hook refused (tracking API).
create table spool_rejected_arrival (
    id uuid not null,
    message_id uuid not null,
    mailbox varchar(64) not null,
    hook varchar(100) not null,
    reason varchar(1000) not null,
    rejected_at timestamp(6) with time zone not null,
    constraint spool_rejected_arrival_pk primary key (id)
);
create index spool_rejected_arrival_message on spool_rejected_arrival (message_id, rejected_at);

-- A JMS submission's channel: reply destination, correlation, idempotency key (unique: the same key
-- twice is one message).
create table spool_client_request (
    message_id uuid not null,
    idempotency_key varchar(200),
    correlation_id varchar(250),
    reply_to varchar(300),
    received_at timestamp(6) with time zone not null,
    constraint spool_client_request_pk primary key (message_id),
    constraint spool_client_request_key_uk unique (idempotency_key)
);
