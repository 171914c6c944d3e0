-- Row-level security helper (platform-commons). Every tenant-owned table gets a policy
--   using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id))
-- plus FORCE ROW LEVEL SECURITY, because the service role owns its tables. The settings are applied per transaction by
-- RowLevelSecurity; when none is set, no tenant row is visible.
create function tenant_visible(row_tenant text) returns boolean
    language sql stable parallel safe as
$$
select row_tenant = current_setting('app.tenant_id', true)
    or coalesce(current_setting('app.all_tenants', true), '') = 'on'
$$;
