-- Ratings of ended sessions (one per session, by the visitor) and a record of offline messages, for the reports.

-- The visitor's rating: set once (the service checks rated_at is null under the session's row lock), 1 to 5 stars
-- with an optional comment.
alter table chat_session
    add column rating         smallint check (rating between 1 and 5),
    add column rating_comment text,
    add column rated_at       timestamptz,
    add check ((rating is null) = (rated_at is null));
-- reports read a tenant's sessions by creation time
create index chat_session_report on chat_session (tenant_id, queued_at);

-- One row per chat.session.offline_message (the offline form, or a session that waited past the queue timeout): what
-- the reports count. The text is not kept here: it went to the helpdesk in the event.
create table chat_offline_message (
    id         uuid primary key,
    tenant_id  text        not null,
    widget_id  uuid        not null references widget (id) on delete cascade,
    session_id uuid references chat_session (id) on delete cascade,
    team       text,        -- the team the widget routes to
    reason     text        not null check (reason in ('offline_form', 'queue_timeout')),
    created_at timestamptz not null
);
create index chat_offline_message_report on chat_offline_message (tenant_id, created_at);

alter table chat_offline_message enable row level security;
alter table chat_offline_message force row level security;
create policy tenant_isolation on chat_offline_message using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));
