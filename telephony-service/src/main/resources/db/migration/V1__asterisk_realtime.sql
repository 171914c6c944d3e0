-- Asterisk 22 Realtime (ARA) tables for PostgreSQL, as Asterisk 22.10.1 defines them at the end of its migration
-- chain (contrib/realtime/postgresql/postgresql_config.sql in the Asterisk source): same table and column names,
-- types and enum types, so that Asterisk's res_config_pgsql reads them as its own. Switchboard's own columns are
-- added by the next migration; Asterisk ignores columns it does not know.

create type ast_bool_values as enum ('0', '1', 'off', 'on', 'false', 'true', 'no', 'yes');
create type pjsip_100rel_values_v2 as enum ('no', 'required', 'peer_supported', 'yes');
create type pjsip_auth_type_values_v2 as enum ('md5', 'userpass', 'google_oauth');
create type pjsip_cid_privacy_values as enum ('allowed_not_screened', 'allowed_passed_screened', 'allowed_failed_screened', 'allowed', 'prohib_not_screened', 'prohib_passed_screened', 'prohib_failed_screened', 'prohib', 'unavailable');
create type pjsip_connected_line_method_values as enum ('invite', 'reinvite', 'update');
create type pjsip_direct_media_glare_mitigation_values as enum ('none', 'outgoing', 'incoming');
create type pjsip_dtls_setup_values as enum ('active', 'passive', 'actpass');
create type pjsip_dtmf_mode_values_v3 as enum ('rfc4733', 'inband', 'info', 'auto', 'auto_info');
create type pjsip_incoming_call_offer_pref_values as enum ('local', 'local_first', 'remote', 'remote_first');
create type pjsip_media_encryption_values as enum ('no', 'sdes', 'dtls');
create type pjsip_outgoing_call_offer_pref_values as enum ('local', 'local_merge', 'local_first', 'remote', 'remote_merge', 'remote_first');
create type pjsip_redirect_method_values as enum ('user', 'uri_core', 'uri_pjsip');
create type pjsip_t38udptl_ec_values as enum ('none', 'fec', 'redundancy');
create type pjsip_taskprocessor_overload_trigger_values as enum ('none', 'global', 'pjsip_only');
create type pjsip_timer_values as enum ('forced', 'no', 'required', 'yes');
create type pjsip_transport_method_values_v2 as enum ('default', 'unspecified', 'tlsv1', 'tlsv1_1', 'tlsv1_2', 'tlsv1_3', 'sslv2', 'sslv23', 'sslv3');
create type pjsip_transport_protocol_values_v2 as enum ('udp', 'tcp', 'tls', 'ws', 'wss', 'flow');
create type queue_autopause_values as enum ('yes', 'no', 'all');
create type queue_strategy_values as enum ('ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear', 'wrandom', 'rrordered');
create type security_negotiation_values as enum ('no', 'mediasec');
create type sha_hash_values as enum ('SHA-1', 'SHA-256');
create type yes_no_values as enum ('yes', 'no');
create type yesno_values as enum ('yes', 'no');

create table ps_aors (
    id character varying(255) not null,
    contact character varying(255),
    default_expiration integer,
    mailboxes character varying(80),
    max_contacts integer,
    minimum_expiration integer,
    remove_existing ast_bool_values,
    qualify_frequency integer,
    authenticate_qualify ast_bool_values,
    maximum_expiration integer,
    outbound_proxy character varying(255),
    support_path ast_bool_values,
    qualify_timeout double precision,
    voicemail_extension character varying(40),
    remove_unavailable ast_bool_values,
    qualify_2xx_only ast_bool_values
);
create table ps_auths (
    id character varying(255) not null,
    auth_type pjsip_auth_type_values_v2,
    nonce_lifetime integer,
    md5_cred character varying(40),
    password character varying(80),
    realm character varying(255),
    username character varying(40),
    refresh_token character varying(255),
    oauth_clientid character varying(255),
    oauth_secret character varying(255),
    password_digest character varying(1024),
    supported_algorithms_uas character varying(1024),
    supported_algorithms_uac character varying(1024)
);
create table ps_contacts (
    id character varying(255) not null,
    uri character varying(511),
    expiration_time bigint,
    qualify_frequency integer,
    outbound_proxy character varying(255),
    path text,
    user_agent character varying(255),
    qualify_timeout double precision,
    reg_server character varying(255),
    authenticate_qualify ast_bool_values,
    via_addr character varying(40),
    via_port integer,
    call_id character varying(255),
    endpoint character varying(255),
    prune_on_boot ast_bool_values,
    qualify_2xx_only ast_bool_values
);
create table ps_domain_aliases (
    id character varying(255) not null,
    domain character varying(255)
);
create table ps_endpoint_id_ips (
    id character varying(255) not null,
    endpoint character varying(255),
    match character varying(80),
    srv_lookups ast_bool_values,
    match_header character varying(255),
    match_request_uri character varying(255)
);
create table ps_endpoints (
    id character varying(255) not null,
    transport character varying(40),
    aors character varying(2048),
    auth character varying(255),
    context character varying(40),
    disallow character varying(200),
    allow character varying(200),
    direct_media ast_bool_values,
    connected_line_method pjsip_connected_line_method_values,
    direct_media_method pjsip_connected_line_method_values,
    direct_media_glare_mitigation pjsip_direct_media_glare_mitigation_values,
    disable_direct_media_on_nat ast_bool_values,
    dtmf_mode pjsip_dtmf_mode_values_v3,
    external_media_address character varying(40),
    force_rport ast_bool_values,
    ice_support ast_bool_values,
    identify_by character varying(80),
    mailboxes character varying(40),
    moh_suggest character varying(40),
    outbound_auth character varying(255),
    outbound_proxy character varying(255),
    rewrite_contact ast_bool_values,
    rtp_ipv6 ast_bool_values,
    rtp_symmetric ast_bool_values,
    send_diversion ast_bool_values,
    send_pai ast_bool_values,
    send_rpid ast_bool_values,
    timers_min_se integer,
    timers pjsip_timer_values,
    timers_sess_expires integer,
    callerid character varying(40),
    callerid_privacy pjsip_cid_privacy_values,
    callerid_tag character varying(40),
    "100rel" pjsip_100rel_values_v2,
    aggregate_mwi ast_bool_values,
    trust_id_inbound ast_bool_values,
    trust_id_outbound ast_bool_values,
    use_ptime ast_bool_values,
    use_avpf ast_bool_values,
    media_encryption pjsip_media_encryption_values,
    inband_progress ast_bool_values,
    call_group character varying(40),
    pickup_group character varying(40),
    named_call_group character varying(40),
    named_pickup_group character varying(40),
    device_state_busy_at integer,
    fax_detect ast_bool_values,
    t38_udptl ast_bool_values,
    t38_udptl_ec pjsip_t38udptl_ec_values,
    t38_udptl_maxdatagram integer,
    t38_udptl_nat ast_bool_values,
    t38_udptl_ipv6 ast_bool_values,
    tone_zone character varying(40),
    language character varying(40),
    one_touch_recording ast_bool_values,
    record_on_feature character varying(40),
    record_off_feature character varying(40),
    rtp_engine character varying(40),
    allow_transfer ast_bool_values,
    allow_subscribe ast_bool_values,
    sdp_owner character varying(40),
    sdp_session character varying(40),
    tos_audio character varying(10),
    tos_video character varying(10),
    sub_min_expiry integer,
    from_domain character varying(40),
    from_user character varying(40),
    mwi_from_user character varying(40),
    dtls_verify character varying(40),
    dtls_rekey character varying(40),
    dtls_cert_file character varying(200),
    dtls_private_key character varying(200),
    dtls_cipher character varying(200),
    dtls_ca_file character varying(200),
    dtls_ca_path character varying(200),
    dtls_setup pjsip_dtls_setup_values,
    srtp_tag_32 ast_bool_values,
    media_address character varying(40),
    redirect_method pjsip_redirect_method_values,
    set_var text,
    cos_audio integer,
    cos_video integer,
    message_context character varying(40),
    force_avp ast_bool_values,
    media_use_received_transport ast_bool_values,
    accountcode character varying(80),
    user_eq_phone ast_bool_values,
    moh_passthrough ast_bool_values,
    media_encryption_optimistic ast_bool_values,
    rpid_immediate ast_bool_values,
    g726_non_standard ast_bool_values,
    rtp_keepalive integer,
    rtp_timeout integer,
    rtp_timeout_hold integer,
    bind_rtp_to_media_address ast_bool_values,
    voicemail_extension character varying(40),
    mwi_subscribe_replaces_unsolicited ast_bool_values,
    deny character varying(95),
    permit character varying(95),
    acl character varying(40),
    contact_deny character varying(95),
    contact_permit character varying(95),
    contact_acl character varying(40),
    subscribe_context character varying(40),
    fax_detect_timeout integer,
    contact_user character varying(80),
    preferred_codec_only ast_bool_values,
    asymmetric_rtp_codec ast_bool_values,
    rtcp_mux ast_bool_values,
    allow_overlap ast_bool_values,
    refer_blind_progress ast_bool_values,
    notify_early_inuse_ringing ast_bool_values,
    max_audio_streams integer,
    max_video_streams integer,
    webrtc ast_bool_values,
    dtls_fingerprint sha_hash_values,
    incoming_mwi_mailbox character varying(40),
    bundle ast_bool_values,
    dtls_auto_generate_cert ast_bool_values,
    follow_early_media_fork ast_bool_values,
    accept_multiple_sdp_answers ast_bool_values,
    suppress_q850_reason_headers ast_bool_values,
    trust_connected_line ast_bool_values,
    send_connected_line ast_bool_values,
    ignore_183_without_sdp ast_bool_values,
    codec_prefs_incoming_offer character varying(128),
    codec_prefs_outgoing_offer character varying(128),
    codec_prefs_incoming_answer character varying(128),
    codec_prefs_outgoing_answer character varying(128),
    stir_shaken ast_bool_values,
    send_history_info ast_bool_values,
    allow_unauthenticated_options ast_bool_values,
    t38_bind_udptl_to_media_address ast_bool_values,
    geoloc_incoming_call_profile character varying(80),
    geoloc_outgoing_call_profile character varying(80),
    incoming_call_offer_pref pjsip_incoming_call_offer_pref_values,
    outgoing_call_offer_pref pjsip_outgoing_call_offer_pref_values,
    stir_shaken_profile character varying(80),
    security_negotiation security_negotiation_values,
    security_mechanisms character varying(512),
    send_aoc ast_bool_values,
    overlap_context character varying(80),
    tenantid character varying(80),
    suppress_moh_on_sendonly ast_bool_values,
    follow_redirect_methods character varying(95),
    rtp_port_start integer,
    rtp_port_end integer
);
create table ps_globals (
    id character varying(40) not null,
    max_forwards integer,
    user_agent character varying(255),
    default_outbound_endpoint character varying(40),
    debug character varying(40),
    endpoint_identifier_order character varying(40),
    max_initial_qualify_time integer,
    default_from_user character varying(80),
    keep_alive_interval integer,
    regcontext character varying(80),
    contact_expiration_check_interval integer,
    default_voicemail_extension character varying(40),
    disable_multi_domain ast_bool_values,
    unidentified_request_count integer,
    unidentified_request_period integer,
    unidentified_request_prune_interval integer,
    default_realm character varying(40),
    mwi_tps_queue_high integer,
    mwi_tps_queue_low integer,
    mwi_disable_initial_unsolicited ast_bool_values,
    ignore_uri_user_options ast_bool_values,
    use_callerid_contact ast_bool_values,
    send_contact_status_on_update_registration ast_bool_values,
    taskprocessor_overload_trigger pjsip_taskprocessor_overload_trigger_values,
    norefersub ast_bool_values,
    allow_sending_180_after_183 ast_bool_values,
    all_codecs_on_empty_reinvite ast_bool_values,
    default_auth_algorithms_uas character varying(1024),
    default_auth_algorithms_uac character varying(1024)
);
create table ps_registrations (
    id character varying(255) not null,
    auth_rejection_permanent ast_bool_values,
    client_uri character varying(255),
    contact_user character varying(40),
    expiration integer,
    max_retries integer,
    outbound_auth character varying(255),
    outbound_proxy character varying(255),
    retry_interval integer,
    forbidden_retry_interval integer,
    server_uri character varying(255),
    transport character varying(40),
    support_path ast_bool_values,
    fatal_retry_interval integer,
    line ast_bool_values,
    endpoint character varying(255),
    support_outbound ast_bool_values,
    contact_header_params character varying(255),
    max_random_initial_delay integer,
    security_negotiation security_negotiation_values,
    security_mechanisms character varying(512),
    user_agent character varying(255)
);
create table ps_systems (
    id character varying(40) not null,
    timer_t1 integer,
    timer_b integer,
    compact_headers ast_bool_values,
    threadpool_initial_size integer,
    threadpool_auto_increment integer,
    threadpool_idle_timeout integer,
    threadpool_max_size integer,
    disable_tcp_switch ast_bool_values,
    follow_early_media_fork ast_bool_values,
    accept_multiple_sdp_answers ast_bool_values,
    disable_rport ast_bool_values,
    taskpool_minimum_size integer,
    taskpool_initial_size integer,
    taskpool_auto_increment integer,
    taskpool_idle_timeout integer,
    taskpool_max_size integer
);
create table ps_transports (
    id character varying(40) not null,
    async_operations integer,
    bind character varying(40),
    ca_list_file character varying(200),
    cert_file character varying(200),
    cipher character varying(200),
    domain character varying(40),
    external_media_address character varying(40),
    external_signaling_address character varying(40),
    external_signaling_port integer,
    method pjsip_transport_method_values_v2,
    local_net character varying(40),
    password character varying(40),
    priv_key_file character varying(200),
    protocol pjsip_transport_protocol_values_v2,
    require_client_cert ast_bool_values,
    verify_client ast_bool_values,
    verify_server ast_bool_values,
    tos character varying(10),
    cos integer,
    allow_reload ast_bool_values,
    symmetric_transport ast_bool_values,
    allow_wildcard_certs ast_bool_values,
    tcp_keepalive_enable boolean,
    tcp_keepalive_idle_time integer,
    tcp_keepalive_interval_time integer,
    tcp_keepalive_probe_count integer
);
create table queue_members (
    queue_name character varying(80) not null,
    interface character varying(80) not null,
    membername character varying(80),
    state_interface character varying(80),
    penalty integer,
    paused integer,
    uniqueid integer not null,
    wrapuptime integer,
    ringinuse ast_bool_values,
    reason_paused character varying(80)
);
create table queues (
    name character varying(128) not null,
    musiconhold character varying(128),
    announce character varying(128),
    context character varying(128),
    timeout integer,
    ringinuse yesno_values,
    setinterfacevar yesno_values,
    setqueuevar yesno_values,
    setqueueentryvar yesno_values,
    monitor_format character varying(8),
    membermacro character varying(512),
    membergosub character varying(512),
    queue_youarenext character varying(128),
    queue_thereare character varying(128),
    queue_callswaiting character varying(128),
    queue_quantity1 character varying(128),
    queue_quantity2 character varying(128),
    queue_holdtime character varying(128),
    queue_minutes character varying(128),
    queue_minute character varying(128),
    queue_seconds character varying(128),
    queue_thankyou character varying(128),
    queue_callerannounce character varying(128),
    queue_reporthold character varying(128),
    announce_frequency integer,
    announce_to_first_user yesno_values,
    min_announce_frequency integer,
    announce_round_seconds integer,
    announce_holdtime character varying(128),
    announce_position character varying(128),
    announce_position_limit integer,
    periodic_announce character varying(50),
    periodic_announce_frequency integer,
    relative_periodic_announce yesno_values,
    random_periodic_announce yesno_values,
    retry integer,
    wrapuptime integer,
    penaltymemberslimit integer,
    autofill yesno_values,
    monitor_type character varying(128),
    autopause queue_autopause_values,
    autopausedelay integer,
    autopausebusy yesno_values,
    autopauseunavail yesno_values,
    maxlen integer,
    servicelevel integer,
    strategy queue_strategy_values,
    joinempty character varying(128),
    leavewhenempty character varying(128),
    reportholdtime yesno_values,
    memberdelay integer,
    weight integer,
    timeoutrestart yesno_values,
    defaultrule character varying(128),
    timeoutpriority character varying(128),
    log_restricted_caller_id ast_bool_values
);
create table voicemail (
    uniqueid integer not null,
    context character varying(80) not null,
    mailbox character varying(80) not null,
    password character varying(80) not null,
    fullname character varying(80),
    alias character varying(80),
    email character varying(80),
    pager character varying(80),
    attach yes_no_values,
    attachfmt character varying(10),
    serveremail character varying(80),
    language character varying(20),
    tz character varying(30),
    deletevoicemail yes_no_values,
    saycid yes_no_values,
    sendvoicemail yes_no_values,
    review yes_no_values,
    tempgreetwarn yes_no_values,
    operator yes_no_values,
    envelope yes_no_values,
    sayduration integer,
    forcename yes_no_values,
    forcegreetings yes_no_values,
    callback character varying(80),
    dialout character varying(80),
    exitcontext character varying(80),
    maxmsg integer,
    volgain numeric(5,2),
    imapuser character varying(80),
    imappassword character varying(80),
    imapserver character varying(80),
    imapport character varying(8),
    imapflags character varying(80),
    stamp timestamp without time zone
);
create sequence voicemail_uniqueid_seq
    as integer
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1;
alter sequence voicemail_uniqueid_seq owned by voicemail.uniqueid;
alter table only voicemail alter column uniqueid set default nextval('voicemail_uniqueid_seq');
alter table only ps_aors
    add constraint ps_aors_id_key unique (id);
alter table only ps_auths
    add constraint ps_auths_id_key unique (id);
alter table only ps_contacts
    add constraint ps_contacts_id_key unique (id);
alter table only ps_contacts
    add constraint ps_contacts_uq unique (id, reg_server);
alter table only ps_domain_aliases
    add constraint ps_domain_aliases_id_key unique (id);
alter table only ps_endpoint_id_ips
    add constraint ps_endpoint_id_ips_id_key unique (id);
alter table only ps_endpoints
    add constraint ps_endpoints_id_key unique (id);
alter table only ps_globals
    add constraint ps_globals_id_key unique (id);
alter table only ps_registrations
    add constraint ps_registrations_id_key unique (id);
alter table only ps_systems
    add constraint ps_systems_id_key unique (id);
alter table only ps_transports
    add constraint ps_transports_id_key unique (id);
alter table only queue_members
    add constraint queue_members_pkey primary key (queue_name, interface);
alter table only queue_members
    add constraint queue_members_uniqueid_key unique (uniqueid);
alter table only queues
    add constraint queues_pkey primary key (name);
alter table only voicemail
    add constraint voicemail_pkey primary key (uniqueid);
create index ps_aors_id on ps_aors using btree (id);
create index ps_aors_qualifyfreq_contact on ps_aors using btree (qualify_frequency, contact);
create index ps_auths_id on ps_auths using btree (id);
create index ps_contacts_id on ps_contacts using btree (id);
create index ps_contacts_qualifyfreq_exp on ps_contacts using btree (qualify_frequency, expiration_time);
create index ps_domain_aliases_id on ps_domain_aliases using btree (id);
create index ps_endpoint_id_ips_id on ps_endpoint_id_ips using btree (id);
create index ps_endpoints_id on ps_endpoints using btree (id);
create index ps_globals_id on ps_globals using btree (id);
create index ps_registrations_id on ps_registrations using btree (id);
create index ps_systems_id on ps_systems using btree (id);
create index ps_transports_id on ps_transports using btree (id);
create index voicemail_context on voicemail using btree (context);
create index voicemail_imapuser on voicemail using btree (imapuser);
create index voicemail_mailbox on voicemail using btree (mailbox);
create index voicemail_mailbox_context on voicemail using btree (mailbox, context);
