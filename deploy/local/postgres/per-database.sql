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
