-- Switchboard's side of the telephony schema: who owns each Asterisk object (tenant columns on Asterisk's tables,
-- which Asterisk ignores), row-level security, and the service's own tables.

-- Tenancy of the Asterisk objects. ps_endpoints carries Asterisk's own tenantid column; the others get tenant_id.
-- ps_contacts rows are written by Asterisk itself, so its tenant_id is nullable and filled by a trigger.
alter table ps_auths add column tenant_id text;
alter table ps_aors add column tenant_id text;
alter table ps_registrations add column tenant_id text;
alter table ps_endpoint_id_ips add column tenant_id text;
alter table ps_domain_aliases add column tenant_id text;
alter table ps_contacts add column tenant_id text;
create index ps_endpoints_tenant on ps_endpoints (tenantid);
create index ps_contacts_endpoint on ps_contacts (endpoint);

-- Runs for Asterisk's role too, whose search_path does not hold this schema: it keeps the migration's.
create function ps_contacts_tenant() returns trigger language plpgsql set search_path from current as $$
begin
    new.tenant_id := (select e.tenantid from ps_endpoints e where e.id = new.endpoint);
    return new;
end
$$;
create trigger ps_contacts_tenant before insert or update of endpoint on ps_contacts
    for each row execute function ps_contacts_tenant();

-- Queues, their members and voicemail boxes are held whole by Asterisk's tables; Switchboard adds its columns.
alter table queues
    add column id uuid unique,
    add column tenant_id text,
    add column display_name text,
    add column max_wait_time integer,
    add column created_at timestamptz not null default now(),
    add column updated_at timestamptz not null default now(),
    add column version bigint not null default 0;
create index queues_tenant on queues (tenant_id);

-- Asterisk requires uniqueid but gives it no default: the writer takes it from this sequence.
create sequence queue_members_uniqueid_seq as integer;
alter table queue_members
    add column id uuid unique,
    add column tenant_id text,
    add column extension_id uuid,
    add column paused_at timestamptz,
    add column created_at timestamptz not null default now(),
    add column updated_at timestamptz not null default now(),
    add column version bigint not null default 0;
create index queue_members_tenant on queue_members (tenant_id);

alter table voicemail
    add column id uuid unique,
    add column tenant_id text,
    add column created_at timestamptz not null default now(),
    add column updated_at timestamptz not null default now(),
    add column version bigint not null default 0;
create index voicemail_tenant on voicemail (tenant_id);
create unique index voicemail_context_mailbox on voicemail (context, mailbox);

-- Extensions and trunks span several Asterisk tables (endpoint, auth, aor, registration, identify); these tables hold
-- them as the API knows them, and the Asterisk rows are written from them in the same transaction.
create table sip_extension (
    id            uuid primary key,
    tenant_id     text        not null,
    number        text        not null,
    endpoint_id   text        not null unique,
    display_name  text        not null,
    user_id       text,
    codecs        text[]      not null,
    webrtc        boolean     not null,
    max_contacts  integer     not null,
    voicemail_id  uuid,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null default 0,
    unique (tenant_id, number)
);

create table sip_trunk (
    id              uuid primary key,
    tenant_id       text        not null,
    name            text        not null,
    endpoint_id     text        not null unique,
    description     text,
    mode            text        not null check (mode in ('registration', 'ip')),
    host            text        not null,
    port            integer     not null,
    transport       text        not null check (transport in ('udp', 'tcp', 'tls')),
    username        text,
    realm           text,
    from_user       text,
    from_domain     text,
    caller_id       text,
    codecs          text[]      not null,
    allowed_ips     text[]      not null,
    rtp_symmetric   boolean     not null,
    force_rport     boolean     not null,
    rewrite_contact boolean     not null,
    direct_media    boolean     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0,
    unique (tenant_id, name)
);

-- Calls: one record per call (the CDR), and the calls in progress, which enforce maxConcurrentCalls.
create table call_record (
    id                uuid primary key,
    tenant_id         text        not null,
    channel_id        text        not null unique,
    direction         text        not null check (direction in ('inbound', 'internal', 'outbound')),
    caller_number     text,
    caller_name       text,
    called_number     text        not null,
    source_endpoint   text,
    route_action      text,
    route_target      text,
    queue_name        text,
    answered_by       text,
    status            text        not null,
    disposition       text,
    hangup_cause      integer,
    hangup_cause_text text,
    recording_name    text,
    started_at        timestamptz not null,
    answered_at       timestamptz,
    ended_at          timestamptz,
    ring_seconds      integer,
    talk_seconds      integer,
    duration_seconds  integer
);
create index call_record_tenant_started on call_record (tenant_id, started_at desc);

create table active_call (
    channel_id text primary key,
    tenant_id  text        not null,
    call_id    uuid        not null,
    started_at timestamptz not null
);
create index active_call_tenant on active_call (tenant_id);

create table tenant_call_usage (
    tenant_id    text primary key,
    active_calls integer not null default 0 check (active_calls >= 0)
);

-- Per-tenant dialplan contexts, as Asterisk's static realtime (extconfig: extensions.conf => pgsql,...,ast_config).
create table ast_config (
    id         serial primary key,
    cat_metric integer      not null default 0,
    var_metric integer      not null default 0,
    commented  integer      not null default 0,
    filename   varchar(128) not null,
    category   varchar(128) not null,
    var_name   varchar(128) not null,
    var_val    varchar(255) not null,
    tenant_id  text
);
create index ast_config_file on ast_config (filename, commented, cat_metric, var_metric);

-- Row-level security: the service's role sees one tenant per transaction. Asterisk's role reads every tenant by
-- design (it serves them all) and is given its own policy on the tables it uses (R__asterisk_access.sql).
do $$
declare
    t text;
begin
    foreach t in array array ['ps_auths', 'ps_aors', 'ps_registrations', 'ps_endpoint_id_ips', 'ps_domain_aliases',
        'ps_contacts', 'queues', 'queue_members', 'voicemail', 'sip_extension', 'sip_trunk', 'call_record',
        'active_call', 'tenant_call_usage']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_visible(tenant_id))'
                           || ' with check (tenant_visible(tenant_id))', t);
    end loop;
end
$$;
alter table ps_endpoints enable row level security;
alter table ps_endpoints force row level security;
create policy tenant_isolation on ps_endpoints using (tenant_visible(tenantid)) with check (tenant_visible(tenantid));
