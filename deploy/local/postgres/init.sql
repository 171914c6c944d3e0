-- Switchboard local PostgreSQL setup. Applied by deploy/local/postgres.sh on every start,
-- as the postgres superuser:  psql -v ON_ERROR_STOP=1 -f init.sql   (idempotent).
--
-- * one login role per service, password = role name (LOCAL DEVELOPMENT ONLY);
-- * databases `switchboard` (make run), `switchboard_test` (make test), `switchboard_system` (the gateway's
--   system tests, which run every service as a packaged process) and `switchboard_bench` (make bench's seeded data,
--   e.g. a million helpdesk tickets, kept between runs), owned by postgres;
-- * in each database one schema per service, named and owned like its role, usable by no other
--   role; PUBLIC can neither connect to the databases nor use schema public.
-- Postgres's default search_path ("$user", public) makes each role find its own schema.
--
-- NOTE for migrations: a service role owns its tables, and a table owner bypasses row-level
-- security unless the table has FORCE ROW LEVEL SECURITY.
--
-- `asterisk` (Asterisk's realtime reader) gets no schema: a telephony-service migration grants
-- it read access to the telephony_service schema.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- ---------------------------------------------------------------- roles (cluster-wide)
DO $roles$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['tenant_service', 'telephony_service', 'routing_service', 'helpdesk_service',
                           'chat_service', 'webhook_dispatcher', 'gateway', 'asterisk'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', r);
    END IF;
    -- Re-asserted on every run, so a hand-made change does not survive a start.
    EXECUTE format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'
                   ' NOREPLICATION INHERIT CONNECTION LIMIT -1 PASSWORD %L', r, r);
  END LOOP;
END
$roles$;

-- ---------------------------------------------------------------- databases
-- CREATE DATABASE cannot run inside a transaction (nor a DO block): generate it, run it with \gexec.
SELECT format('CREATE DATABASE %I OWNER postgres TEMPLATE template0 ENCODING %L LC_COLLATE %L LC_CTYPE %L',
              d, 'UTF8', 'C.UTF-8', 'C.UTF-8')
  FROM unnest(ARRAY['switchboard', 'switchboard_test', 'switchboard_system', 'switchboard_bench']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = d)
\gexec

-- ---------------------------------------------------------------- per database
-- The same block runs in each database (it only uses current_database()).

\connect switchboard
\ir per-database.sql

\connect switchboard_test
\ir per-database.sql

\connect switchboard_system
\ir per-database.sql

\connect switchboard_bench
\ir per-database.sql
-- the benchmarks' seeding scripts (e.g. helpdesk-service's bench/helpdesk-seed.sql) work in temporary tables
GRANT TEMPORARY ON DATABASE switchboard_bench TO helpdesk_service, chat_service;
