package io.switchboard.telephony.ara;

/**
 * How Switchboard names Asterisk objects: every id and context is prefixed by the tenant, so that tenants never share
 * an Asterisk object and an id says whose it is. The tenant and the tenant's own name are joined by {@code _}, which
 * neither tenant ids nor names contain: with {@code -}, tenant {@code acme}'s queue {@code corp-sales} and tenant
 * {@code acme-corp}'s queue {@code sales} would both be {@code acme-corp-sales}. Tenant ids are at most 24 characters,
 * which keeps these names inside Asterisk's realtime columns (contexts and auth user names are 40 characters wide).
 */
public final class AraNames {

    private AraNames() {}

    /** Joins a tenant id and a name of the tenant; neither contains it. */
    public static final String SEPARATOR = "_";

    /** An extension's endpoint, AOR and auth id, also its SIP user name: {@code acme-corp_1001}. */
    public static String extensionEndpoint(String tenantId, String number) {
        return tenantId + SEPARATOR + number;
    }

    /** A trunk's endpoint, AOR, auth, registration and identify id: {@code acme-corp_trunk-carrier1}. */
    public static String trunkEndpoint(String tenantId, String name) {
        return tenantId + SEPARATOR + "trunk-" + name;
    }

    /** Where calls from the tenant's phones start in the dialplan. */
    public static String internalContext(String tenantId) {
        return "from-internal-" + tenantId;
    }

    /** Where calls from the tenant's trunks start in the dialplan. */
    public static String trunkContext(String tenantId) {
        return "from-trunk-" + tenantId;
    }

    /** The voicemail context of a tenant: mailboxes are {@code 1001@acme-corp}. */
    public static String voicemailContext(String tenantId) {
        return tenantId;
    }

    /** An app_queue queue name: {@code acme-corp_sales}. */
    public static String queue(String tenantId, String name) {
        return tenantId + SEPARATOR + name;
    }

    /** The dial string of an endpoint, as app_queue and ARI use it. */
    public static String pjsip(String endpointId) {
        return "PJSIP/" + endpointId;
    }

    /** The tenant an endpoint id belongs to, given the tenant it claims: whether it carries that tenant's prefix. */
    public static boolean belongsTo(String objectId, String tenantId) {
        return objectId != null && objectId.startsWith(tenantId + SEPARATOR);
    }
}
