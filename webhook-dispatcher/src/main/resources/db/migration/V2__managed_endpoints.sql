-- Endpoints the dispatcher keeps for another resource rather than for a user: one per DID with an SMS webhook URL
-- (managed_kind 'did', managed_id the DID id), maintained from routing.did.* events. Users read them, rotate their
-- secret and switch them on and off, but change or delete them only through the resource that owns them.
alter table subscription
    add column managed_kind text check (managed_kind in ('did')),
    add column managed_id   text,
    add constraint subscription_managed_pair check ((managed_kind is null) = (managed_id is null));

create unique index subscription_managed_by on subscription (tenant_id, managed_kind, managed_id)
    where managed_kind is not null;
