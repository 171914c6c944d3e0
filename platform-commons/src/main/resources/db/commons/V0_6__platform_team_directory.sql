-- This service's replica of the tenants' memberships and teams (platform-commons), kept from tenant.membership.*,
-- tenant.user.* and tenant.team.* events by TenantDirectoryConsumer, for MemberDirectory and TeamDirectory. Unlike
-- tenant_directory and user_directory these are tenant data: row-level security shows a transaction only its tenant's
-- rows (the consumer writes with the event's tenant set, readers with the request's).

-- the user's display name, from the tenant.user.* events (first and last name, else the e-mail)
alter table user_directory add column display_name text;

create table member_directory (
    tenant_id  text        not null,
    user_id    text        not null,
    roles      text[]      not null default '{}',
    deleted    boolean     not null default false,
    version    bigint      not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, user_id)
);

create table team_directory (
    team_id    uuid primary key,
    tenant_id  text        not null,
    name       text        not null,
    lead_id    text,
    deleted    boolean     not null default false,
    version    bigint      not null,
    updated_at timestamptz not null default now()
);

create index team_directory_tenant on team_directory (tenant_id) where not deleted;

create table team_member_directory (
    team_id   uuid not null references team_directory (team_id) on delete cascade,
    tenant_id text not null,
    user_id   text not null,
    primary key (team_id, user_id)
);

create index team_member_directory_user on team_member_directory (tenant_id, user_id);

alter table member_directory enable row level security;
alter table member_directory force row level security;
create policy member_directory_isolation on member_directory
    using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

alter table team_directory enable row level security;
alter table team_directory force row level security;
create policy team_directory_isolation on team_directory
    using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

alter table team_member_directory enable row level security;
alter table team_member_directory force row level security;
create policy team_member_directory_isolation on team_member_directory
    using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
