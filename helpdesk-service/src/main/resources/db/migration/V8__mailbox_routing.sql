-- Where a mailbox's new tickets go: a category (whose assignment rule picks the team) and/or a team of the tenant,
-- so that mail is assigned like any other ticket. The team is checked against the directory when set; a team deleted
-- later is ignored at import (the ticket then follows its category, or stays unassigned).
alter table mailbox
    add column category text,
    add column team_id  uuid;
