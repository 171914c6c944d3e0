-- What Asterisk's own database role (#[asteriskRole]) may do: read every realtime table of every tenant (it serves
-- them all, so row-level security lets it through by its own policy), write the contacts it registers, and update
-- what app_queue and app_voicemail change themselves (member pause state, voicemail PINs).
-- Repeatable: Flyway re-applies it when this file or the role name changes. Without the role (a deployment without
-- Asterisk), it does nothing but say so.
do $$
declare
    role_name text := '#[asteriskRole]';
    t text;
begin
    if not exists (select 1 from pg_roles where rolname = role_name) then
        raise notice 'role % does not exist: Asterisk gets no access to the realtime tables', role_name;
        return;
    end if;
    execute format('grant usage on schema %I to %I', current_schema(), role_name);
    foreach t in array array ['ps_endpoints', 'ps_auths', 'ps_aors', 'ps_contacts', 'ps_domain_aliases',
        'ps_endpoint_id_ips', 'ps_registrations', 'ps_globals', 'ps_systems', 'ps_transports', 'queues',
        'queue_members', 'voicemail', 'ast_config']
    loop
        execute format('grant select on %I to %I', t, role_name);
    end loop;
    execute format('grant insert, update, delete on ps_contacts to %I', role_name);
    execute format('grant update (paused, reason_paused, wrapuptime) on queue_members to %I', role_name);
    execute format('grant update (password) on voicemail to %I', role_name);
    foreach t in array array ['ps_endpoints', 'ps_auths', 'ps_aors', 'ps_contacts', 'ps_domain_aliases',
        'ps_endpoint_id_ips', 'ps_registrations', 'queues', 'queue_members', 'voicemail']
    loop
        execute format('drop policy if exists asterisk_serves_all on %I', t);
        execute format('create policy asterisk_serves_all on %I to %I using (true) with check (true)', t, role_name);
    end loop;
end
$$;
