-- helpdesk-service: attachments with their bytes in the object store (S3 API), uploaded by agents or read from mail.
-- message_attachment (V2) held the metadata of mail attachments only; it now holds every attachment of a ticket.

-- An attachment belongs to the ticket, and to one of its messages when it came with one (mail) or was attached to one.
alter table message_attachment alter column message_id drop not null;
alter table message_attachment
    -- the object's key, <tenantId>/helpdesk/<id>; null when the bytes were not kept (see not_stored_reason; rows
    -- written before this migration have neither)
    add column storage_key       text,
    add column sha256            text,
    -- what the client or the mail said the type was; content_type is the type detected from the bytes
    add column declared_type     text,
    add column source            text not null default 'mail' check (source in ('upload', 'mail')),
    add column uploaded_by       text, -- the agent's Keycloak user id, for uploads
    -- why a mail attachment's bytes were not kept: too_large, type_not_allowed (the tenant's limits)
    add column not_stored_reason text;
alter table message_attachment alter column source drop default;
create index message_attachment_ticket on message_attachment (ticket_id, created_at, id);

-- A tenant's limits for attachments; null means the platform default (see helpdesk-service's README).
alter table helpdesk_settings
    add column max_attachment_bytes     bigint check (max_attachment_bytes > 0),
    add column allowed_attachment_types jsonb;

-- The attachments a queued reply carries: chosen when the reply was written, read from the store when it is sent.
alter table outbound_mail add column attachment_ids uuid[] not null default '{}';
