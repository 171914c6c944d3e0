package io.switchboard.commons.events;

/**
 * CloudEvents {@code type} values, {@code <domain>.<aggregate>.<verb>}. Each is documented, with its data schema, in
 * docs/asyncapi.yaml; a test checks that what a service emits validates against it.
 */
public final class EventTypes {

    public static final String TENANT_CREATED = "tenant.tenant.created";
    public static final String TENANT_UPDATED = "tenant.tenant.updated";
    public static final String TENANT_STATUS_CHANGED = "tenant.tenant.status_changed";
    public static final String TENANT_DELETED = "tenant.tenant.deleted";
    public static final String TENANT_RESTORED = "tenant.tenant.restored";
    public static final String TENANT_PURGED = "tenant.tenant.purged";
    public static final String TENANT_USER_CREATED = "tenant.user.created";
    public static final String TENANT_USER_UPDATED = "tenant.user.updated";
    public static final String TENANT_USER_DELETED = "tenant.user.deleted";
    public static final String TENANT_USER_PASSWORD_CHANGED = "tenant.user.password_changed";
    public static final String TENANT_USER_PASSWORD_RESET_REQUESTED = "tenant.user.password_reset_requested";
    public static final String TENANT_MEMBERSHIP_CREATED = "tenant.membership.created";
    public static final String TENANT_MEMBERSHIP_UPDATED = "tenant.membership.updated";
    public static final String TENANT_MEMBERSHIP_DELETED = "tenant.membership.deleted";
    /** Teams of a tenant's users; the data carries the whole team with its member list and version. */
    public static final String TENANT_TEAM_CREATED = "tenant.team.created";

    public static final String TENANT_TEAM_UPDATED = "tenant.team.updated";
    public static final String TENANT_TEAM_DELETED = "tenant.team.deleted";

    public static final String TELEPHONY_TRUNK_CREATED = "telephony.trunk.created";
    public static final String TELEPHONY_TRUNK_UPDATED = "telephony.trunk.updated";
    public static final String TELEPHONY_TRUNK_DELETED = "telephony.trunk.deleted";
    public static final String TELEPHONY_EXTENSION_CREATED = "telephony.extension.created";
    public static final String TELEPHONY_EXTENSION_UPDATED = "telephony.extension.updated";
    public static final String TELEPHONY_EXTENSION_DELETED = "telephony.extension.deleted";
    public static final String TELEPHONY_EXTENSION_CREDENTIALS_RESET = "telephony.extension.credentials_reset";
    public static final String TELEPHONY_QUEUE_CREATED = "telephony.queue.created";
    public static final String TELEPHONY_QUEUE_UPDATED = "telephony.queue.updated";
    public static final String TELEPHONY_QUEUE_DELETED = "telephony.queue.deleted";
    public static final String TELEPHONY_QUEUE_MEMBER_ADDED = "telephony.queue_member.added";
    public static final String TELEPHONY_QUEUE_MEMBER_UPDATED = "telephony.queue_member.updated";
    public static final String TELEPHONY_QUEUE_MEMBER_REMOVED = "telephony.queue_member.removed";
    public static final String TELEPHONY_QUEUE_MEMBER_PAUSED = "telephony.queue_member.paused";
    public static final String TELEPHONY_QUEUE_MEMBER_UNPAUSED = "telephony.queue_member.unpaused";
    public static final String TELEPHONY_VOICEMAIL_CREATED = "telephony.voicemail.created";
    public static final String TELEPHONY_VOICEMAIL_UPDATED = "telephony.voicemail.updated";
    public static final String TELEPHONY_VOICEMAIL_DELETED = "telephony.voicemail.deleted";
    public static final String TELEPHONY_CALL_STARTED = "telephony.call.started";
    public static final String TELEPHONY_CALL_RINGING = "telephony.call.ringing";
    public static final String TELEPHONY_CALL_ANSWERED = "telephony.call.answered";
    public static final String TELEPHONY_CALL_QUEUED = "telephony.call.queued";
    public static final String TELEPHONY_CALL_TRANSFERRED = "telephony.call.transferred";
    public static final String TELEPHONY_CALL_REJECTED = "telephony.call.rejected";
    public static final String TELEPHONY_CALL_ENDED = "telephony.call.ended";
    public static final String TELEPHONY_CDR_CREATED = "telephony.cdr.created";
    /** A text message (SMS over SIP MESSAGE) arrived from a tenant's trunk. */
    public static final String TELEPHONY_SMS_RECEIVED = "telephony.sms.received";

    public static final String ROUTING_DID_CREATED = "routing.did.created";
    public static final String ROUTING_DID_UPDATED = "routing.did.updated";
    public static final String ROUTING_DID_DELETED = "routing.did.deleted";
    public static final String ROUTING_DID_WEBHOOK_SECRET_ROTATED = "routing.did.webhook_secret_rotated";
    public static final String ROUTING_IVR_CREATED = "routing.ivr.created";
    public static final String ROUTING_IVR_UPDATED = "routing.ivr.updated";
    public static final String ROUTING_IVR_DELETED = "routing.ivr.deleted";
    public static final String ROUTING_SCHEDULE_CREATED = "routing.schedule.created";
    public static final String ROUTING_SCHEDULE_UPDATED = "routing.schedule.updated";
    public static final String ROUTING_SCHEDULE_DELETED = "routing.schedule.deleted";
    public static final String ROUTING_CALL_ROUTED = "routing.call.routed";
    /** An inbound text message for an SMS-enabled DID, for the DID's SMS webhook and every subscriber. */
    public static final String ROUTING_SMS_RECEIVED = "routing.sms.received";
    /** An inbound text message no DID of the tenant accepts ({@code unknown_number}, {@code sms_disabled}...). */
    public static final String ROUTING_SMS_REJECTED = "routing.sms.rejected";

    public static final String HELPDESK_TICKET_CREATED = "helpdesk.ticket.created";
    public static final String HELPDESK_TICKET_UPDATED = "helpdesk.ticket.updated";
    public static final String HELPDESK_TICKET_STATUS_CHANGED = "helpdesk.ticket.status_changed";
    public static final String HELPDESK_TICKET_ASSIGNED = "helpdesk.ticket.assigned";
    public static final String HELPDESK_TICKET_DELETED = "helpdesk.ticket.deleted";
    public static final String HELPDESK_TICKET_RESTORED = "helpdesk.ticket.restored";
    public static final String HELPDESK_TICKET_SLA_WARNING = "helpdesk.ticket.sla_warning";
    public static final String HELPDESK_TICKET_SLA_BREACHED = "helpdesk.ticket.sla_breached";
    public static final String HELPDESK_MESSAGE_CREATED = "helpdesk.message.created";
    /** A file was uploaded to a ticket or one of its messages (metadata only; mail attachments come in the message). */
    public static final String HELPDESK_TICKET_ATTACHMENT_ADDED = "helpdesk.ticket.attachment_added";

    public static final String HELPDESK_TICKET_ATTACHMENT_DELETED = "helpdesk.ticket.attachment_deleted";

    /** A visitor started a chat session (queued, or at once with an agent). */
    public static final String CHAT_SESSION_STARTED = "chat.session.started";
    /** A session was given to an agent (automatically, by a supervisor, by accepting or by a transfer). */
    public static final String CHAT_SESSION_ASSIGNED = "chat.session.assigned";
    /** A session ended (by the agent, the visitor, or a queue timeout), with its timings. */
    public static final String CHAT_SESSION_ENDED = "chat.session.ended";
    /** A queued session the visitor left before an agent took it. */
    public static final String CHAT_SESSION_ABANDONED = "chat.session.abandoned";
    /** A visitor's message for the tenant while nobody could chat (offline form or queue timeout), with its text. */
    public static final String CHAT_SESSION_OFFLINE_MESSAGE = "chat.session.offline_message";
    /** The visitor rated an ended session (1-5 stars, optional comment). */
    public static final String CHAT_SESSION_RATED = "chat.session.rated";
    /** An agent asked for a helpdesk ticket from a session, with its transcript. */
    public static final String CHAT_SESSION_TICKET_REQUESTED = "chat.session.ticket_requested";
    /** A message in a session (metadata only, no body). */
    public static final String CHAT_MESSAGE_CREATED = "chat.message.created";

    public static final String CHAT_TRANSFER_REQUESTED = "chat.transfer.requested";
    public static final String CHAT_TRANSFER_ACCEPTED = "chat.transfer.accepted";
    public static final String CHAT_TRANSFER_REJECTED = "chat.transfer.rejected";
    /** A transfer nobody accepted in time; the session stays with the sender. */
    public static final String CHAT_TRANSFER_EXPIRED = "chat.transfer.expired";

    public static final String HELPDESK_CONTACT_CREATED = "helpdesk.contact.created";
    public static final String HELPDESK_CONTACT_UPDATED = "helpdesk.contact.updated";
    public static final String HELPDESK_CONTACT_DELETED = "helpdesk.contact.deleted";

    /** The prefix shared by every event about the tenant aggregate itself. */
    public static final String TENANT_AGGREGATE_PREFIX = "tenant.tenant.";

    public static final String WEBHOOK_SUBSCRIPTION_CREATED = "webhook.subscription.created";
    public static final String WEBHOOK_SUBSCRIPTION_UPDATED = "webhook.subscription.updated";
    public static final String WEBHOOK_SUBSCRIPTION_DELETED = "webhook.subscription.deleted";
    public static final String WEBHOOK_SUBSCRIPTION_DISABLED = "webhook.subscription.disabled";
    public static final String WEBHOOK_SUBSCRIPTION_ENABLED = "webhook.subscription.enabled";
    public static final String WEBHOOK_SUBSCRIPTION_SECRET_ROTATED = "webhook.subscription.secret_rotated";
    /**
     * The event webhook-dispatcher sends on request to check an endpoint ("send test event"); it is delivered over
     * HTTP only, never published to Kafka.
     */
    public static final String WEBHOOK_TEST = "webhook.test";

    private EventTypes() {}
}
