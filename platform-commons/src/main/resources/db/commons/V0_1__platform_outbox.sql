-- Transactional outbox (platform-commons): events written in the same transaction as the state change they describe,
-- published to Kafka by the service's OutboxRelay in seq order.
create table outbox (
    seq            bigint generated always as identity primary key,
    id             uuid        not null unique,
    topic          text        not null,
    type           text        not null,
    tenant_id      text,
    aggregate_type text        not null,
    aggregate_id   text        not null,
    payload        json        not null, -- json, not jsonb: published byte for byte as serialized
    actor          text,
    client_ip      text,
    traceparent    text,
    created_at     timestamptz not null default now(),
    published_at   timestamptz
);

create index outbox_pending on outbox (seq) where published_at is null;
create index outbox_published on outbox (published_at) where published_at is not null;

-- NOTIFY is delivered at commit, so the relay wakes exactly when new rows become visible.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_table_schema || '_outbox', '');
    return null;
end
$$;

create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();
