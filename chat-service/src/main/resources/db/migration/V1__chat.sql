-- chat-service: widgets, chat agents, sessions with their messages, transfers. Every table is tenant-owned and under
-- row-level security.

-- A widget: its public key and its configuration (appearance, behaviour, routing, business hours, offline message,
-- allowed domains, IP allow-list) as one JSON document validated by the service.
create table widget (
    id         uuid primary key,
    tenant_id  text        not null,
    name       text        not null,
    widget_key text        not null unique, -- random, public; how a visitor's page names the widget
    enabled    boolean     not null,
    config     jsonb       not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
create index widget_tenant on widget (tenant_id, created_at);

-- A user of the tenant as a chat agent. current_chats counts the sessions assigned to them that are not over; it is
-- only ever changed by conditional updates (current_chats < max_chats), so that no race assigns past the limit.
create table chat_agent (
    tenant_id        text        not null,
    user_id          text        not null, -- Keycloak user id
    display_name     text        not null,
    availability     text        not null check (availability in ('online', 'away', 'offline')),
    max_chats        int         not null check (max_chats between 1 and 100),
    current_chats    int         not null default 0 check (current_chats >= 0),
    team             text,
    skills           text[]      not null default '{}',
    auto_accept      boolean     not null default true,
    last_assigned_at timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null default 0,
    primary key (tenant_id, user_id)
);

create table chat_session (
    id                     uuid primary key,
    tenant_id              text        not null,
    widget_id              uuid        not null references widget (id) on delete cascade,
    visitor_id             uuid        not null, -- the browser's visitor, across its sessions
    status                 text        not null check (status in ('queued', 'active', 'ended', 'abandoned')),
    visitor_name           text,
    visitor_email          text,
    visitor_phone          text,
    ip_address             text,
    user_agent             text,
    referrer_url           text,
    current_url            text,
    -- routing wanted by the widget
    auto_assign            boolean     not null,
    team                   text,
    skills                 text[]      not null default '{}',
    default_assignee       text,
    -- the agent it is assigned (or offered, while queued) to, and the team it was assigned through
    assigned_to            text,
    assigned_name          text,
    assigned_team          text,
    queued_at              timestamptz not null,
    offered_at             timestamptz,
    started_at             timestamptz,
    ended_at               timestamptz,
    end_reason             text,
    duration_seconds       int,
    first_response_seconds int,
    last_seq               bigint      not null default 0, -- the last message sequence number issued
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                bigint      not null default 0
);
-- the queue: a tenant's queued sessions in arrival order (ids are time-ordered UUIDs)
create index chat_session_queue on chat_session (tenant_id, queued_at, id) where status = 'queued';
create index chat_session_agent on chat_session (tenant_id, assigned_to) where status in ('queued', 'active');
create index chat_session_visitor on chat_session (tenant_id, visitor_id, created_at desc);
create index chat_session_created on chat_session (tenant_id, created_at desc);

create table chat_message (
    id                uuid primary key,
    tenant_id         text        not null,
    session_id        uuid        not null references chat_session (id) on delete cascade,
    seq               bigint      not null,
    sender_type       text        not null check (sender_type in ('visitor', 'agent', 'system')),
    sender_id         text,
    sender_name       text        not null,
    message_type      text        not null check (message_type in ('text', 'image', 'file', 'system', 'transfer')),
    body              text,
    attachment_url    text,
    attachment_name   text,
    attachment_size   bigint,
    attachment_type   text,
    client_message_id text, -- the sender's id of the message: a retried send is not stored twice
    read_at           timestamptz,
    created_at        timestamptz not null,
    unique (session_id, seq),
    unique (session_id, client_message_id)
);

create table chat_transfer (
    id           uuid primary key,
    tenant_id    text        not null,
    session_id   uuid        not null references chat_session (id) on delete cascade,
    from_user_id text,
    from_team    text,
    to_user_id   text,
    to_team      text,
    reason       text,
    status       text        not null check (status in ('pending', 'accepted', 'rejected', 'expired')),
    expires_at   timestamptz not null,
    decided_by   text,
    accepted_at  timestamptz,
    rejected_at  timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0,
    check ((to_user_id is null) <> (to_team is null))
);
-- at most one pending transfer per session
create unique index chat_transfer_pending on chat_transfer (session_id) where status = 'pending';
create index chat_transfer_expiry on chat_transfer (expires_at) where status = 'pending';

do $$
declare
    t text;
begin
    foreach t in array array ['widget', 'chat_agent', 'chat_session', 'chat_message', 'chat_transfer']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                           || ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;
