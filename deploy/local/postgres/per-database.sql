-- Roles' access and the per-service schemas of one database; init.sql runs it in switchboard and
-- switchboard_test (it only uses current_database()).
SET client_min_messages = warning;
DO $db$
DECLARE
  r text;
  all_roles text[] := ARRAY['tenant_service', 'telephony_service', 'routing_service', 'helpdesk_service',
                            'chat_service', 'webhook_dispatcher', 'gateway', 'asterisk'];
  service_roles text[] := ARRAY['tenant_service', 'telephony_service', 'routing_service', 'helpdesk_service',
                                'chat_service', 'webhook_dispatcher', 'gateway'];
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  FOREACH r IN ARRAY all_roles LOOP
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r);
  END LOOP;

  REVOKE ALL ON SCHEMA public FROM PUBLIC;

  FOREACH r IN ARRAY service_roles LOOP
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', r, r);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r, r);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', r);
  END LOOP;
END
$db$;

-- Full-text search under row-level security: PostgreSQL uses an index for a condition only if its operator is
-- LEAKPROOF (or after the policy's check), and tsvector @@ tsquery (ts_match_vq) is not marked so; every search then
-- read all of the tenant's rows instead of the GIN index (helpdesk-service: 0.9 s instead of 16 ms for a rare word in a
-- tenant of 130,000 tickets, docs/benchmarks.md). The function has no side effects and raises no error that depends
-- on the row's values, so it may be promoted; a superuser marks it, per database (pg_proc is per database). A
-- production database needs the same statement (docs/operations.md).
ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
