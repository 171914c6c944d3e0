-- Users and their memberships. A user is a person with one login (a Keycloak user of the same id) and may belong to
-- several tenants; a membership is tenant data: row-level security shows a transaction only the memberships of the
-- tenant it acts for, and a user only through a membership it can see (or to a cross-tenant transaction).
create table app_user (
    id                      uuid primary key,
    email                   text        not null check (length(email) between 3 and 254),
    first_name              text        not null default '' check (length(first_name) <= 100),
    last_name               text        not null default '' check (length(last_name) <= 100),
    phone                   text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    avatar_url              text check (length(avatar_url) <= 2048),
    status                  text        not null check (status in ('active', 'inactive', 'suspended')),
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    deleted_at              timestamptz,
    version                 bigint      not null default 0,
    -- Keycloak: null until the login exists there; the version Keycloak was last brought to
    keycloak_synced_at      timestamptz,
    keycloak_synced_version bigint
);

create unique index app_user_email on app_user (lower(email)) where deleted_at is null;
create index app_user_unsynced on app_user (updated_at)
    where keycloak_synced_version is null or keycloak_synced_version < version;

create table membership (
    tenant_id  text        not null references tenant (id) on delete cascade,
    user_id    uuid        not null references app_user (id) on delete cascade,
    roles      text[]      not null check (cardinality(roles) >= 1),
    grants     text[]      not null default '{}',
    revokes    text[]      not null default '{}',
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0,
    primary key (tenant_id, user_id)
);

create index membership_user on membership (user_id);
-- the agents of a tenant, counted against its maxAgents
create index membership_agents on membership (tenant_id) where 'agent' = any (roles);

alter table membership enable row level security;
alter table membership force row level security;
create policy membership_isolation on membership
    using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));

alter table app_user enable row level security;
alter table app_user force row level security;
-- a user is visible through a membership the transaction may see; cross-tenant transactions see every user
create policy app_user_visible on app_user for select
    using (coalesce(current_setting('app.all_tenants', true), '') = 'on'
           or exists (select 1 from membership m where m.user_id = app_user.id));
create policy app_user_update on app_user for update
    using (coalesce(current_setting('app.all_tenants', true), '') = 'on'
           or exists (select 1 from membership m where m.user_id = app_user.id));
-- a new user has no membership yet: inserting is allowed, the membership that follows is checked
create policy app_user_insert on app_user for insert with check (true);
create policy app_user_delete on app_user for delete
    using (coalesce(current_setting('app.all_tenants', true), '') = 'on');
