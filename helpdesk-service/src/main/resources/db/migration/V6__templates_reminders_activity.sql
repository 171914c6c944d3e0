-- helpdesk-service: ticket templates, canned responses, reminders and overdue notices, the contacts' chats and calls
-- (contact_activity, from chat.events and telephony.events) and where a ticket came from. Every table is tenant-owned
-- and under row-level security.

-- A template fills a new ticket: subject and description with {{variables}}, and defaults for the other fields.
create table ticket_template (
    id          uuid primary key,
    tenant_id   text        not null,
    name        text        not null,
    subject     text        not null,
    description text,
    category    text,
    priority    text check (priority in ('low', 'medium', 'high', 'critical')),
    team_id     uuid,
    tags        jsonb       not null default '[]', -- tag names, checked against the tenant's tags when used
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);
create unique index ticket_template_name on ticket_template (tenant_id, lower(name));

-- Replies agents reuse, shared by the tenant; the body is plain text or sanitized HTML with {{ticket.number}}...
create table canned_response (
    id         uuid primary key,
    tenant_id  text        not null,
    name       text        not null,
    shortcut   text,
    body       text        not null,
    is_html    boolean     not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
create unique index canned_response_name on canned_response (tenant_id, lower(name));
create unique index canned_response_shortcut on canned_response (tenant_id, lower(shortcut)) where shortcut is not null;

-- A reminder of a ticket for its assignee at remind_at; fired_at is set in the transaction that writes the
-- helpdesk.ticket.reminder_due event to the outbox (rows are claimed with for update skip locked), so it fires once.
create table ticket_reminder (
    id         uuid primary key,
    tenant_id  text        not null,
    ticket_id  uuid        not null references ticket (id) on delete cascade,
    remind_at  timestamptz not null,
    note       text,
    created_by text,
    created_at timestamptz not null,
    fired_at   timestamptz
);
create index ticket_reminder_ticket on ticket_reminder (ticket_id, remind_at);
create index ticket_reminder_due on ticket_reminder (remind_at) where fired_at is null;

-- helpdesk.ticket.overdue fired for a ticket and due date: the insert claims it (the primary key), so a due date
-- fires once even when two schedulers run; a new due date that passes fires again.
create table ticket_overdue_notice (
    ticket_id uuid        not null references ticket (id) on delete cascade,
    due_at    timestamptz not null,
    tenant_id text        not null,
    fired_at  timestamptz not null,
    primary key (ticket_id, due_at)
);
-- the scheduler's scan across tenants: live, active tickets with a due date
create index ticket_due_active on ticket (due_at)
    where deleted_at is null and due_at is not null and status in ('open', 'in_progress', 'pending');

-- A contact's chats and calls as chat-service and telephony-service announce them: one row per chat session or call,
-- updated by each later event about it (source_time keeps an older event from overwriting a newer one's state).
create table contact_activity (
    id               uuid primary key,
    tenant_id        text        not null,
    kind             text        not null check (kind in ('chat', 'call')),
    external_id      uuid        not null, -- the chat session id or the call id
    contact_id       uuid references contact (id) on delete set null,
    status           text,
    widget_id        uuid,
    agent_id         text,
    agent_name       text,
    visitor_name     text,
    visitor_email    text,
    visitor_phone    text,
    direction        text check (direction in ('inbound', 'internal', 'outbound')),
    from_number      text,
    to_number        text,
    answered         boolean,
    duration_seconds int,
    -- what the visitor and agents wrote, when an event carried it (offline message, ticket request): [{seq,
    -- senderType, senderName, body, sentAt}]
    transcript       jsonb,
    started_at       timestamptz not null,
    ended_at         timestamptz,
    source_time      timestamptz not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index contact_activity_external on contact_activity (tenant_id, kind, external_id);
create index contact_activity_contact on contact_activity (tenant_id, contact_id, started_at desc)
    where contact_id is not null;

-- Where a ticket came from: the call or chat session it was opened from, and the request that opened it (an offline
-- message or a chat's ticket request), unique so that the same request opens one ticket.
alter table ticket
    add column source_call_id         uuid,
    add column source_chat_session_id uuid,
    add column source_request_id      uuid;
create unique index ticket_source_request on ticket (tenant_id, source_request_id) where source_request_id is not null;

do $$
declare
    t text;
begin
    foreach t in array array ['ticket_template', 'canned_response', 'ticket_reminder', 'ticket_overdue_notice',
                              'contact_activity']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                           || ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;
