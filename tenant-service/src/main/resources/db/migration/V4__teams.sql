-- Teams of a tenant's users (helpdesk and chat route work to them). A user may be in several teams; a member is always
-- a user of the tenant (the foreign key to the membership), and leaving the tenant removes them from its teams (the
-- service does it first, with a tenant.team.updated event; the cascade is the second wall). Tenant data under
-- row-level security.
create table team (
    id          uuid primary key,
    tenant_id   text        not null references tenant (id) on delete cascade,
    name        text        not null check (length(name) between 1 and 100),
    description text check (length(description) <= 1000),
    lead_id     uuid,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    foreign key (tenant_id, lead_id) references membership (tenant_id, user_id) on delete set null (lead_id)
);

create unique index team_name on team (tenant_id, lower(name));

create table team_member (
    team_id   uuid        not null references team (id) on delete cascade,
    tenant_id text        not null,
    user_id   uuid        not null,
    added_at  timestamptz not null,
    primary key (team_id, user_id),
    foreign key (tenant_id, user_id) references membership (tenant_id, user_id) on delete cascade
);

create index team_member_user on team_member (tenant_id, user_id);

alter table team enable row level security;
alter table team force row level security;
create policy team_isolation on team
    using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));

alter table team_member enable row level security;
alter table team_member force row level security;
create policy team_member_isolation on team_member
    using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));
