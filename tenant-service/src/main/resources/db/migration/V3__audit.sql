-- The audit log: one entry per administrative change in any service, built from the domain events (who acted, for
-- which tenant, what changed, when, from which client address). Append-only: rows are never changed or removed.
create table audit_entry (
    id          uuid primary key, -- the event's id, so a redelivered event cannot make a second entry
    tenant_id   text        not null,
    occurred_at timestamptz not null,
    type        text        not null,
    source      text        not null,
    subject     text,
    actor       text,
    client_ip   text,
    data        jsonb       not null,
    recorded_at timestamptz not null default now()
);

create index audit_entry_tenant_time on audit_entry (tenant_id, occurred_at desc, id);
create index audit_entry_time on audit_entry (occurred_at desc, id);

alter table audit_entry enable row level security;
alter table audit_entry force row level security;
create policy audit_entry_isolation on audit_entry
    using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));

create function audit_entry_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the audit log is append-only: % is not allowed', tg_op;
end
$$;

create trigger audit_entry_append_only
    before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_append_only();
