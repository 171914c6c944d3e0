-- Indexes found missing by the helpdesk benchmark (docs/benchmarks.md, "Helpdesk at scale": 1,000,000 tickets).

-- The agent's usual list: a tenant's tickets in one status by last update (status=open&sort=-updatedAt), often with a
-- priority. ticket_status orders by creation, so a big tenant's open tickets were all fetched and sorted for a page;
-- here the page is the index's first entries, and the priority (last column) is checked in the index, so the count of
-- status=open&priority=high reads no table row either.
create index ticket_status_updated on ticket (tenant_id, status, updated_at desc, priority) where deleted_at is null;

-- Searches match a tenant's messages too: without this, finding them read every tenant's messages.
create index ticket_message_tenant on ticket_message (tenant_id);
