-- helpdesk-service: contacts (requesters), the tenants' mailboxes, mail read from them and mail sent through them.
-- Every table is tenant-owned and under row-level security.

create table contact (
    id         uuid primary key,
    tenant_id  text        not null,
    name       text,
    phones     jsonb       not null default '[]', -- E.164 numbers, in the order given
    notes      text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
create index contact_created on contact (tenant_id, created_at desc);
create index contact_name on contact (tenant_id, lower(name));
create index contact_phones on contact using gin (phones jsonb_path_ops);

-- A contact's e-mail addresses; an address belongs to one contact of a tenant (case-insensitively), one is primary.
create table contact_email (
    contact_id uuid    not null references contact (id) on delete cascade,
    tenant_id  text    not null,
    address    text    not null,
    is_primary boolean not null,
    position   int     not null,
    primary key (contact_id, position)
);
create unique index contact_email_address on contact_email (tenant_id, lower(address));
create unique index contact_email_primary on contact_email (contact_id) where is_primary;

create table contact_tag (
    contact_id uuid not null references contact (id) on delete cascade,
    tag_id     uuid not null references tag (id) on delete cascade,
    tenant_id  text not null,
    primary key (contact_id, tag_id)
);
create index contact_tag_tag on contact_tag (tag_id);

-- Tickets point at their requester's contact. Rows written before contacts existed may hold ids that name no contact:
-- the constraint holds for new rows (not valid), and deleting a contact leaves its tickets with e-mail and name.
alter table ticket
    add constraint ticket_requester_contact foreign key (requester_contact) references contact (id)
        on delete set null not valid;
create index ticket_requester_contact on ticket (tenant_id, requester_contact) where deleted_at is null;

-- A tenant's mailbox: where its support mail is read (IMAP) and replies are sent (SMTP). Passwords are encrypted
-- (AES-GCM, bound to the mailbox id) and never returned. The poll cursor (uid_validity, last_uid) is the last IMAP UID
-- imported: advanced in the transaction that imports the message, so that a restart neither loses nor repeats mail.
create table mailbox (
    id                 uuid primary key,
    tenant_id          text        not null,
    name               text        not null,
    enabled            boolean     not null,
    imap_host          text        not null,
    imap_port          int         not null check (imap_port between 1 and 65535),
    imap_security      text        not null check (imap_security in ('none', 'starttls', 'tls')),
    imap_user          text        not null,
    imap_password      text,
    imap_folder        text        not null,
    smtp_host          text        not null,
    smtp_port          int         not null check (smtp_port between 1 and 65535),
    smtp_security      text        not null check (smtp_security in ('none', 'starttls', 'tls')),
    smtp_user          text,
    smtp_password      text,
    from_address       text        not null,
    from_name          text,
    send_acknowledgement boolean   not null default false,
    uid_validity       bigint,
    last_uid           bigint      not null default 0,
    last_polled_at     timestamptz,
    last_poll_error    text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    version            bigint      not null default 0
);
-- one IMAP account (and folder) is read by one mailbox of the whole deployment, or its mail would be imported twice
create unique index mailbox_imap_account on mailbox (lower(imap_host), imap_port, lower(imap_user), imap_folder);
create index mailbox_tenant on mailbox (tenant_id, created_at);

alter table ticket add column mailbox_id uuid references mailbox (id) on delete set null;

-- The RFC 5322 Message-ID of a message that came or went by mail, for threading replies.
alter table ticket_message add column mail_message_id text;
create index ticket_message_mail_id on ticket_message (tenant_id, mail_message_id) where mail_message_id is not null;

-- What happened to every mail read from a mailbox, once per Message-ID and tenant: the import's idempotency key.
create table inbound_mail (
    id          uuid primary key,
    tenant_id   text        not null,
    mailbox_id  uuid        references mailbox (id) on delete set null,
    message_id  text        not null,
    imap_uid    bigint,
    from_address text,
    subject     text,
    outcome     text        not null check (outcome in ('ticket_created', 'ticket_joined', 'automatic_stored',
                                                        'dropped')),
    reason      text,
    ticket_id   uuid        references ticket (id) on delete set null,
    message_ref uuid        references ticket_message (id) on delete set null,
    received_at timestamptz not null
);
create unique index inbound_mail_message_id on inbound_mail (tenant_id, message_id);

-- Attachments of messages: their metadata now; their bytes come with the attachment store (S3).
create table message_attachment (
    id           uuid primary key,
    tenant_id    text        not null,
    ticket_id    uuid        not null references ticket (id) on delete cascade,
    message_id   uuid        not null references ticket_message (id) on delete cascade,
    file_name    text        not null,
    content_type text        not null,
    size_bytes   bigint      not null,
    created_at   timestamptz not null
);
create index message_attachment_message on message_attachment (message_id);

-- Mail to send: written in the transaction that accepted the reply, sent by the mail sender with retries. A row is
-- leased (lease_until) while one instance sends it, so that replicas share the queue without sending twice.
create table outbound_mail (
    id              uuid primary key,
    tenant_id       text        not null,
    mailbox_id      uuid        references mailbox (id) on delete set null,
    ticket_id       uuid        references ticket (id) on delete set null,
    message_ref     uuid        references ticket_message (id) on delete set null,
    mail_message_id text        not null,
    to_address      text        not null,
    to_name         text,
    subject         text        not null,
    in_reply_to     text,
    mail_references text,
    body_text       text        not null,
    body_html       text,
    automatic       boolean     not null,
    status          text        not null check (status in ('queued', 'sent', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz not null
);
create index outbound_mail_due on outbound_mail (next_attempt_at) where status = 'queued';
create index outbound_mail_mailbox on outbound_mail (mailbox_id) where status = 'queued';
create index outbound_mail_to on outbound_mail (tenant_id, lower(to_address), created_at) where automatic;

do $$
declare
    t text;
begin
    foreach t in array array ['contact', 'contact_email', 'contact_tag', 'mailbox', 'inbound_mail',
                              'message_attachment', 'outbound_mail']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                           || ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;
