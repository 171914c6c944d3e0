-- chat-service: files sent in chats (visitors' and agents' uploads). The bytes are in the object store (S3 API) under
-- <tenantId>/chat/<attachment_id>; the message of type image or file carries the metadata (V1's attachment_* columns).
alter table chat_message
    add column attachment_id     uuid,
    add column attachment_key    text,
    add column attachment_sha256 text,
    -- what the client said the type was; attachment_type is the type detected from the bytes
    add column attachment_declared_type text;
create unique index chat_message_attachment on chat_message (attachment_id) where attachment_id is not null;
-- the files of a widget's sessions, found when the widget (and with it its sessions) is deleted
create index chat_message_attachment_key on chat_message (session_id) where attachment_key is not null;
