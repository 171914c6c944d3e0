-- This service's replica of the tenants (platform-commons), kept from tenant.events. Platform data, read across
-- tenants, hence no row-level security.
create table tenant_directory (
    tenant_id  text primary key,
    status     text        not null,
    deleted    boolean     not null default false,
    version    bigint      not null,
    snapshot   jsonb       not null,
    updated_at timestamptz not null default now()
);
