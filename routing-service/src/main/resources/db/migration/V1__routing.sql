-- routing-service: phone numbers (DIDs) and their routes, IVR menus, named business-hours schedules, the catalogue of
-- telephony-service's targets (learned from telephony.events) and the log of webhook routing calls.

create table did (
    id              uuid primary key,
    tenant_id       text        not null,
    number          text        not null, -- E.164
    status          text        not null check (status in ('active', 'inactive', 'pending')),
    description     text,
    route           jsonb,
    route_type      text,                 -- type of the route's target, for filtering
    sms_enabled     boolean     not null default false,
    sms_webhook_url text,
    webhook_secret  text,                 -- AES-GCM encrypted whsec_ secret of the DID's webhook routes
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0
);
-- A number belongs to one tenant of the whole platform.
create unique index did_number on did (number);
create index did_tenant on did (tenant_id, number);

create table ivr_menu (
    id         uuid primary key,
    tenant_id  text        not null,
    name       text        not null,
    definition jsonb       not null, -- greeting, options, timeouts, retries, failure target, direct dial
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0,
    unique (tenant_id, name)
);

create table schedule (
    id         uuid primary key,
    tenant_id  text        not null,
    name       text        not null,
    timezone   text        not null,
    rules      jsonb       not null, -- weekly intervals, holidays, one-off closures
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0,
    unique (tenant_id, name)
);

-- What telephony-service announces (extensions, queues, voicemail boxes, trunks), by the names users know them by and
-- with the Asterisk ids a decision returns. source_id is telephony-service's id of the object.
create table catalogue_entry (
    source_id        uuid primary key,
    tenant_id        text        not null,
    kind             text        not null check (kind in ('extension', 'queue', 'voicemail', 'trunk')),
    name             text        not null,
    asterisk_id      text        not null,
    voicemail_box_id uuid,
    max_wait_time    integer,
    version          bigint      not null,
    updated_at       timestamptz not null default now()
);
create index catalogue_entry_tenant on catalogue_entry (tenant_id, kind, name);

-- One row per webhook routing request: what was asked, how long it took and what came of it.
create table webhook_call (
    id          uuid primary key,
    tenant_id   text        not null,
    did_id      uuid        not null,
    call_id     uuid,
    url         text        not null,
    started_at  timestamptz not null,
    latency_ms  integer     not null,
    outcome     text        not null,
    http_status integer,
    action      text,
    target      text,
    message     text,
    detail      text
);
create index webhook_call_did on webhook_call (tenant_id, did_id, started_at desc);
create index webhook_call_age on webhook_call (started_at);

do $$
declare
    t text;
begin
    foreach t in array array ['did', 'ivr_menu', 'schedule', 'catalogue_entry', 'webhook_call']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                           || ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;

-- Whether a number is a DID of any tenant. Row-level security hides other tenants' DIDs, so the check looks across
-- tenants for the duration of its one query only (the setting is put back before it returns), and answers nothing but
-- yes or no.
create function did_number_taken(candidate text, except_id uuid) returns boolean
    language plpgsql volatile
as $$
declare
    previous text := coalesce(current_setting('app.all_tenants', true), '');
    taken    boolean;
begin
    perform set_config('app.all_tenants', 'on', true);
    select exists (select 1 from did where number = candidate and id is distinct from except_id) into taken;
    perform set_config('app.all_tenants', previous, true);
    return taken;
end
$$;
revoke execute on function did_number_taken(text, uuid) from public;

-- Every instance keeps the routing configuration in memory: a committed change of a tenant's DIDs, menus, schedules or
-- catalogue is announced (NOTIFY <schema>_changes, payload the tenant id) so that each instance reloads that tenant.
create function routing_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify(tg_table_schema || '_changes', old.tenant_id);
    else
        perform pg_notify(tg_table_schema || '_changes', new.tenant_id);
    end if;
    return null;
end
$$;

create trigger did_changed after insert or update or delete on did
    for each row execute function routing_changed();
create trigger ivr_menu_changed after insert or update or delete on ivr_menu
    for each row execute function routing_changed();
create trigger schedule_changed after insert or update or delete on schedule
    for each row execute function routing_changed();
create trigger catalogue_entry_changed after insert or update or delete on catalogue_entry
    for each row execute function routing_changed();
