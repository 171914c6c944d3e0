-- Webhook subscriptions, the messages to deliver, their deliveries (the durable retry schedule) and every attempt.
-- tenant_id is a tenant slug, or 'platform' for the platform scope (a reserved id no tenant can take): superadmins'
-- subscriptions that receive the events of every tenant. Row-level security treats both alike, so a transaction sees
-- only the scope it acts for unless it is an explicit cross-tenant system task (the dispatcher's claim, retention).

create table subscription (
    id             uuid primary key,
    tenant_id      text        not null,
    url            text        not null check (length(url) <= 2048),
    description    text check (length(description) <= 500),
    event_types    jsonb       not null,
    enabled        boolean     not null,
    disabled_reason text check (disabled_reason in ('manual', 'gone', 'failing')),
    disabled_at    timestamptz,
    failing_since  timestamptz, -- first failed attempt since the last success
    headers_enc    text,        -- custom headers, a JSON object encrypted like the secrets
    rate_limit     integer check (rate_limit > 0),
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint      not null default 0,
    constraint subscription_disabled_has_reason check (enabled or disabled_reason is not null)
);

create index subscription_scope on subscription (tenant_id, created_at);

-- Signing secrets, AES-GCM encrypted with the service's key. The current one has no expiry; a rotated-out one signs
-- too until its grace period ends.
create table subscription_secret (
    id              uuid primary key,
    tenant_id       text        not null,
    subscription_id uuid        not null references subscription (id) on delete cascade,
    secret_enc      text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz
);

create index subscription_secret_live on subscription_secret (subscription_id, created_at);

-- One event as delivered to the subscriptions of one scope: the exact request body, signed byte for byte.
create table message (
    id          uuid primary key, -- derived from (scope, event id), so a redelivered event maps to the same row
    tenant_id   text        not null,
    event_id    text        not null,
    event_type  text        not null,
    occurred_at timestamptz not null,
    body        text, -- null when the event exceeds the payload cap (the delivery fails, nothing is sent)
    body_size   integer     not null,
    created_at  timestamptz not null default now(),
    unique (tenant_id, event_id)
);

create index message_age on message (created_at);

-- A message for one subscription: its state and the durable retry schedule. The id is derived from (event id,
-- subscription id); webhook-id is 'msg_' + the id, the same for every attempt, replay and Kafka redelivery.
create table delivery (
    id              uuid primary key,
    tenant_id       text        not null,
    subscription_id uuid        not null references subscription (id) on delete cascade,
    message_id      uuid        not null references message (id) on delete cascade,
    event_type      text        not null,
    status          text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempts        integer     not null default 0,
    retry_step      integer     not null default 0, -- position in the retry schedule since the last (re)start
    next_attempt_at timestamptz,
    lease_until     timestamptz, -- claimed by a dispatcher until then; an expired lease is claimable again
    lease_token     uuid,
    last_attempt_at timestamptz,
    last_status_code integer,
    last_error      text,
    created_at      timestamptz not null,
    completed_at    timestamptz
);

create index delivery_due on delivery (subscription_id, next_attempt_at) where status = 'pending';
create index delivery_message on delivery (message_id); -- the foreign key's cascade and the retention job
create index delivery_log on delivery (subscription_id, created_at);
create index delivery_age on delivery (created_at) where status <> 'pending';

-- Every HTTP attempt (or refusal) with its outcome, for the delivery log.
create table delivery_attempt (
    id               uuid primary key,
    tenant_id        text        not null,
    delivery_id      uuid        not null references delivery (id) on delete cascade,
    subscription_id  uuid        not null,
    event_type       text        not null,
    attempt          integer     not null,
    cause            text        not null check (cause in ('scheduled', 'replay', 'test')),
    started_at       timestamptz not null,
    duration_ms      integer     not null,
    status_code      integer,
    outcome          text        not null,
    response_snippet text,
    error            text
);

create index delivery_attempt_delivery on delivery_attempt (delivery_id, started_at);
create index delivery_attempt_log on delivery_attempt (subscription_id, started_at);

-- Row-level security on every table, the same policy everywhere (see docs/architecture.md).
do $$
declare
    t text;
begin
    foreach t in array array['subscription', 'subscription_secret', 'message', 'delivery', 'delivery_attempt'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                       ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;
