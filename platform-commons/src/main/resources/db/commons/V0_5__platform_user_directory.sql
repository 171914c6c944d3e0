-- This service's replica of the users' status (platform-commons), kept from tenant.user.* events, so that a token of a
-- suspended, inactive or deleted user is refused at once rather than when it expires. Platform data, hence no
-- row-level security.
create table user_directory (
    user_id    text primary key,
    status     text        not null,
    deleted    boolean     not null default false,
    version    bigint      not null,
    updated_at timestamptz not null default now()
);

create index user_directory_blocked on user_directory (user_id) where status <> 'active' or deleted;
