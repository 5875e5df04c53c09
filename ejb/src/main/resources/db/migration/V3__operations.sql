-- Operations (issue 10): dispatch tokens against double sends, the tracking log, operator actions.

-- Only the dispatch carrying this token may send to the recipient (hold, release, retry now).
alter table spool_recipient add column dispatch_token varchar(36);

-- Every state change of every recipient, kept for spooler.tracking.retention.
create sequence spool_tracking_seq start with 1 increment by 50;
create table spool_tracking (
    id bigint not null,
    message_id uuid not null,
    message_id_header varchar(250) not null,
    sender varchar(320) not null,
    recipient_id bigint not null,
    recipient varchar(330) not null,
    at timestamp(6) with time zone not null,
    stage varchar(10) not null,
    transport varchar(40),
    previous varchar(10),
    status varchar(10) not null,
    status_code varchar(12),
    diagnostic varchar(1000),
    attempt integer not null,
    constraint spool_tracking_pk primary key (id)
);
create index spool_tracking_message on spool_tracking (message_id);
create index spool_tracking_header on spool_tracking (message_id_header);
create index spool_tracking_sender on spool_tracking (sender);
create index spool_tracking_recipient on spool_tracking (recipient);
create index spool_tracking_at on spool_tracking (at);

-- Each management action, as an operator took it.
create sequence spool_operator_action_seq start with 1 increment by 1;
create table spool_operator_action (
    id bigint not null,
    at timestamp(6) with time zone not null,
    kind varchar(20) not null,
    target varchar(600) not null,
    actor varchar(100),
    affected integer not null,
    constraint spool_operator_action_pk primary key (id)
);
