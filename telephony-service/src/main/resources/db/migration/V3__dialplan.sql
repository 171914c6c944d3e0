-- Asterisk's dialplan, loaded from this table through static realtime (extconfig.conf:
-- extensions.conf => pgsql,general,telephony_service.ast_config). These are the contexts every tenant shares;
-- telephony-service adds each tenant's entry contexts (from-internal-<tenant>, from-trunk-<tenant>) when it learns of
-- the tenant, and asks Asterisk to reload the dialplan.
insert into ast_config (cat_metric, var_metric, filename, category, var_name, var_val) values
    (0, 0, 'extensions.conf', 'general', 'static', 'yes'),
    (0, 1, 'extensions.conf', 'general', 'writeprotect', 'yes'),
    (0, 2, 'extensions.conf', 'general', 'autofallthrough', 'yes'),
    -- A caller sent to a queue by the Stasis application; back to it when the queue ends without an answer.
    (1, 0, 'extensions.conf', 'switchboard-queue', 'exten', '_[a-z0-9].,1,Queue(${EXTEN},t,,,${SB_QUEUE_MAXWAIT})'),
    (1, 1, 'extensions.conf', 'switchboard-queue', 'same', 'n,Stasis(switchboard,queue-exit,${QUEUESTATUS})'),
    (1, 2, 'extensions.conf', 'switchboard-queue', 'same', 'n,Hangup()'),
    -- A caller sent to voicemail: the box is in SB_MAILBOX (1001@acme-corp).
    (2, 0, 'extensions.conf', 'switchboard-voicemail', 'exten', 's,1,VoiceMail(${SB_MAILBOX},u)'),
    (2, 1, 'extensions.conf', 'switchboard-voicemail', 'same', 'n,Hangup()'),
    -- Voicemail retrieval from a phone: the tenant comes from the endpoint (set_var SB_TENANT).
    (3, 0, 'extensions.conf', 'switchboard-voicemail-main', 'exten', 's,1,VoiceMailMain(${CALLERID(num)}@${SB_TENANT})'),
    (3, 1, 'extensions.conf', 'switchboard-voicemail-main', 'same', 'n,Hangup()');
