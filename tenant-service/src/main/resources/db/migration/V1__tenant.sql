-- Tenants (organizations). The tenant's own row is tenant data: row-level security shows a transaction only the
-- tenant it acts for, unless it is an explicit cross-tenant (superadmin or platform job) transaction.
create table tenant (
    id                   text primary key
        constraint tenant_id_slug check (id ~ '^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])$'),
    name                 text        not null check (length(name) between 1 and 200),
    status               text        not null check (status in ('active', 'trial', 'suspended', 'inactive')),
    status_reason        text,
    trial_expires_at     timestamptz,
    max_agents           integer     not null check (max_agents >= 0),
    max_dids             integer     not null check (max_dids >= 0),
    max_concurrent_calls integer     not null check (max_concurrent_calls >= 0),
    features             jsonb       not null,
    settings             jsonb       not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    deleted_at           timestamptz,
    version              bigint      not null default 0,
    constraint tenant_trial_has_expiry check (status <> 'trial' or trial_expires_at is not null)
);

create index tenant_status on tenant (status) where deleted_at is null;
create index tenant_trial_expiry on tenant (trial_expires_at) where status = 'trial' and deleted_at is null;
create index tenant_deleted on tenant (deleted_at) where deleted_at is not null;

alter table tenant enable row level security;
alter table tenant force row level security;
create policy tenant_isolation on tenant
    using (tenant_visible(id))
    with check (tenant_visible(id));
