-- The message store as of issue 12. One script for H2 and PostgreSQL: only types both understand.
-- Enums are plain varchar (H2 read native ENUM columns back as numbers after a restart).
-- Sequences step by the entities' allocationSize.

create sequence spool_recipient_seq start with 1 increment by 50;
create sequence spool_mailbox_seq start with 1 increment by 10;
create sequence spool_folder_seq start with 1 increment by 50;
create sequence spool_filed_message_seq start with 1 increment by 50;

create table spool_message (
    id uuid not null,
    message_id_header varchar(250) not null,
    sender varchar(320) not null,
    subject varchar(998),
    body varchar(1000000) not null,
    submitted_at timestamp(6) with time zone not null,
    priority varchar(10) not null,
    deferred_until timestamp(6) with time zone,
    expires_at timestamp(6) with time zone,
    message_class varchar(64),
    mime_content bytea,
    report_of uuid,
    envelope_id varchar(100),
    constraint spool_message_pk primary key (id)
);

create table spool_recipient (
    id bigint not null,
    message_id uuid not null,
    position integer not null,
    address varchar(330) not null,
    address_type varchar(20) not null,
    kind varchar(3) not null,
    status varchar(10) not null,
    transport varchar(40),
    attempts integer not null,
    next_attempt_at timestamp(6) with time zone,
    status_code varchar(12),
    diagnostic varchar(1000),
    updated_at timestamp(6) with time zone,
    delay_warned_at timestamp(6) with time zone,
    notify varchar(30),
    constraint spool_recipient_pk primary key (id),
    constraint spool_recipient_message_fk foreign key (message_id) references spool_message (id)
);
-- A message's recipients in order (tracking API, every stage); also serves the foreign key.
create index spool_recipient_message on spool_recipient (message_id, position);
-- GET /api/transports counts recipients by transport and status.
create index spool_recipient_transport_status on spool_recipient (transport, status);

create table spool_mailbox (
    id bigint not null,
    owner varchar(64) not null,
    constraint spool_mailbox_pk primary key (id),
    constraint spool_mailbox_owner_uk unique (owner)
);

create table spool_folder (
    id bigint not null,
    mailbox_id bigint not null,
    name varchar(100) not null,
    constraint spool_folder_pk primary key (id),
    constraint spool_folder_mailbox_name_uk unique (mailbox_id, name),
    constraint spool_folder_mailbox_fk foreign key (mailbox_id) references spool_mailbox (id)
);

create table spool_filed_message (
    id bigint not null,
    folder_id bigint not null,
    message_id uuid not null,
    is_read boolean not null,
    filed_at timestamp(6) with time zone not null,
    constraint spool_filed_message_pk primary key (id),
    constraint spool_filed_message_folder_fk foreign key (folder_id) references spool_folder (id),
    constraint spool_filed_message_message_fk foreign key (message_id) references spool_message (id)
);
-- A folder's messages, newest first.
create index spool_filed_message_folder on spool_filed_message (folder_id, filed_at, id);
create index spool_filed_message_message on spool_filed_message (message_id);

create table delivery_report (
    id uuid not null,
    original_message_id uuid not null,
    report_message_id uuid not null,
    kind varchar(12) not null,
    dispatch_key varchar(60) not null,
    state varchar(10) not null,
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    reason varchar(1000),
    constraint delivery_report_pk primary key (id)
);
-- The reports about a message (tracking API), and the report a message carries.
create index delivery_report_original on delivery_report (original_message_id, created_at);
create index delivery_report_message on delivery_report (report_message_id);

create table delivery_report_recipient (
    report_id uuid not null,
    position integer not null,
    address varchar(330) not null,
    constraint delivery_report_recipient_pk primary key (report_id, position),
    constraint delivery_report_recipient_report_fk foreign key (report_id) references delivery_report (id)
);
