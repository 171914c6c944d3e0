-- helpdesk-service: SLA policies per priority (and optional category), each ticket's SLA clock, and the durable timers
-- that fire helpdesk.ticket.sla_warning and helpdesk.ticket.sla_breached.

create table sla_policy (
    id                     uuid primary key,
    tenant_id              text        not null,
    name                   text        not null,
    priority               text        not null check (priority in ('low', 'medium', 'high', 'critical')),
    category               text,
    first_response_minutes int         not null check (first_response_minutes > 0),
    resolution_minutes     int         not null check (resolution_minutes > 0),
    business_hours         boolean     not null,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                bigint      not null default 0
);
-- one policy per priority and category (no category: the priority's default)
create unique index sla_policy_target on sla_policy (tenant_id, priority, coalesce(lower(category), ''));

-- The clock of a ticket: its policy, its deadlines (and when to warn), and the time it spent paused (pending) so far,
-- both on the wall clock and in the tenant's business hours; deadlines are start + target + paused.
alter table ticket
    add column sla_policy_id           uuid references sla_policy (id) on delete set null,
    add column sla_first_response_due  timestamptz,
    add column sla_first_response_warn timestamptz,
    add column sla_resolution_due      timestamptz,
    add column sla_resolution_warn     timestamptz,
    add column sla_paused_at           timestamptz,
    add column sla_paused_wall_seconds bigint not null default 0,
    add column sla_paused_business_seconds bigint not null default 0;

-- What the scheduler fires, one row per ticket, metric and kind: due_at moves with the clock until the row fires;
-- fired_at is set in the transaction that writes the event to the outbox, so a row fires once.
create table sla_timer (
    ticket_id uuid        not null references ticket (id) on delete cascade,
    metric    text        not null check (metric in ('first_response', 'resolution')),
    kind      text        not null check (kind in ('warning', 'breach')),
    tenant_id text        not null,
    due_at    timestamptz not null,
    fired_at  timestamptz,
    primary key (ticket_id, metric, kind)
);
create index sla_timer_due on sla_timer (due_at) where fired_at is null;

do $$
declare
    t text;
begin
    foreach t in array array ['sla_policy', 'sla_timer']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                           || ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;
