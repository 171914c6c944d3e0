-- helpdesk-service: tickets with per-tenant numbers, their threaded messages and internal notes, the tenant's tags and
-- helpdesk settings. Every table is tenant-owned and under row-level security.

-- A tenant's helpdesk settings; a tenant without a row has the defaults (prefix derived from its id).
create table helpdesk_settings (
    tenant_id     text primary key,
    ticket_prefix text        not null check (ticket_prefix ~ '^[A-Z][A-Z0-9]{0,9}$'),
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null default 0
);

-- The last ticket sequence number issued per tenant. Creating a ticket increments it with an upsert in the ticket's
-- own transaction: the row lock serializes a tenant's creations (never two tickets with one number, never an error),
-- and a rolled-back creation rolls the increment back with it (no gaps).
create table ticket_counter (
    tenant_id   text primary key,
    last_number bigint not null
);

create table ticket (
    id                uuid primary key,
    tenant_id         text        not null,
    seq               bigint      not null, -- the tenant's sequence number, unique per tenant
    number            text        not null, -- as issued, e.g. ACME-00042; kept when the prefix changes
    subject           text        not null,
    description       text,
    status            text        not null check (status in ('open', 'in_progress', 'pending', 'resolved', 'closed')),
    priority          text        not null check (priority in ('low', 'medium', 'high', 'critical')),
    priority_rank     smallint    not null, -- 0 low .. 3 critical, for sorting by urgency
    category          text,
    requester_contact uuid,
    requester_email   text,
    requester_name    text,
    assignee_id       text,                 -- Keycloak user id
    team_id           uuid,
    due_at            timestamptz,
    custom_fields     jsonb       not null default '{}',
    source            text        not null check (source in ('api', 'email', 'chat', 'call')),
    created_by        text,
    first_response_at timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    deleted_at        timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0,
    -- full-text search: the text search configuration follows the tenant's locale when the ticket is created
    search_config     regconfig   not null default 'simple',
    search_vector     tsvector generated always as (
        setweight(to_tsvector(search_config, coalesce(number, '')), 'A')
            || setweight(to_tsvector(search_config, coalesce(subject, '')), 'A')
            || setweight(to_tsvector(search_config, coalesce(description, '')), 'B')) stored
);
create unique index ticket_seq on ticket (tenant_id, seq);
create unique index ticket_number on ticket (tenant_id, lower(number));
-- lists: the tenant's live tickets by the usual filters and orders
create index ticket_live_created on ticket (tenant_id, created_at desc) where deleted_at is null;
create index ticket_live_updated on ticket (tenant_id, updated_at desc) where deleted_at is null;
create index ticket_status on ticket (tenant_id, status, created_at desc) where deleted_at is null;
create index ticket_assignee on ticket (tenant_id, assignee_id, status) where deleted_at is null;
create index ticket_team on ticket (tenant_id, team_id, status) where deleted_at is null;
create index ticket_requester on ticket (tenant_id, lower(requester_email)) where deleted_at is null;
create index ticket_due on ticket (tenant_id, due_at) where deleted_at is null and due_at is not null;
create index ticket_deleted on ticket (deleted_at) where deleted_at is not null;
create index ticket_search on ticket using gin (search_vector);

create table ticket_message (
    id             uuid primary key,
    tenant_id      text        not null,
    ticket_id      uuid        not null references ticket (id) on delete cascade,
    in_reply_to_id uuid references ticket_message (id) on delete set null,
    sender         text        not null check (sender in ('agent', 'requester')),
    user_id        text,                    -- the agent's Keycloak user id
    sender_name    text,
    sender_email   text,
    body           text        not null,    -- plain text, or sanitized HTML when is_html
    body_text      text        not null,    -- the body as plain text, for search and previews
    is_html        boolean     not null,
    is_internal    boolean     not null,
    created_at     timestamptz not null,
    search_config  regconfig   not null default 'simple',
    search_vector  tsvector generated always as (to_tsvector(search_config, body_text)) stored
);
create index ticket_message_thread on ticket_message (ticket_id, created_at, id);
create index ticket_message_search on ticket_message using gin (search_vector);

create table tag (
    id         uuid primary key,
    tenant_id  text        not null,
    name       text        not null,
    color      text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
create unique index tag_name on tag (tenant_id, lower(name));

create table ticket_tag (
    ticket_id uuid not null references ticket (id) on delete cascade,
    tag_id    uuid not null references tag (id) on delete cascade,
    tenant_id text not null,
    primary key (ticket_id, tag_id)
);
create index ticket_tag_tag on ticket_tag (tag_id);

do $$
declare
    t text;
begin
    foreach t in array array ['helpdesk_settings', 'ticket_counter', 'ticket', 'ticket_message', 'tag', 'ticket_tag']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                           || ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;
