-- Automatic assignment: per-tenant rules that send a new ticket of a category to a team (a tenant team, see
-- TeamDirectory), and the helpdesk state of each agent: whether they take new tickets now and when they were last
-- given one (the tie-breaker between equally loaded agents). Tenant data under row-level security.
create table assignment_rule (
    id         uuid primary key,
    tenant_id  text        not null,
    category   text        not null check (length(category) between 1 and 100),
    team_id    uuid        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);

create unique index assignment_rule_category on assignment_rule (tenant_id, lower(category));

create table helpdesk_agent (
    tenant_id        text        not null,
    user_id          text        not null,
    available        boolean     not null default true,
    last_assigned_at timestamptz,
    updated_at       timestamptz not null,
    primary key (tenant_id, user_id)
);

alter table assignment_rule enable row level security;
alter table assignment_rule force row level security;
create policy assignment_rule_isolation on assignment_rule
    using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));

alter table helpdesk_agent enable row level security;
alter table helpdesk_agent force row level security;
create policy helpdesk_agent_isolation on helpdesk_agent
    using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));
