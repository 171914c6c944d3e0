-- An agent's choice of desktop notifications (new chats offered, messages while the tab is hidden): the agent's UI
-- reads it; on by default.
alter table chat_agent add column notifications_enabled boolean not null default true;
