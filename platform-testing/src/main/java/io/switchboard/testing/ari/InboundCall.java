package io.switchboard.testing.ari;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call arriving at Asterisk from a trunk or a phone whose dialplan runs {@code Stasis(app, args...)}: the simulated
 * channel is created in state Ring on {@code endpoint} with the caller id, sits at {@code context}/{@code extension}
 * priority 1 and enters the simulator's Stasis application with {@code args}.
 *
 * @param endpoint the PJSIP endpoint the call arrives on, {@code acme-corp-trunk1} or {@code PJSIP/acme-corp-trunk1}
 * @param callerNumber the caller id number
 * @param callerName the caller id name
 * @param extension the dialed extension ({@code channel.dialplan.exten})
 * @param context the dialplan context the channel is in
 * @param args the arguments of {@code Stasis(app, args...)}
 * @param variables channel variables the dialplan set before Stasis (no ChannelVarset events)
 * @param tenantId the endpoint's tenant id for the channel's {@code tenantid}, or null to take the endpoint's
 */
public record InboundCall(
        String endpoint,
        String callerNumber,
        String callerName,
        String extension,
        String context,
        List<String> args,
        Map<String, String> variables,
        String tenantId) {

    public InboundCall {
        Objects.requireNonNull(endpoint, "endpoint");
        callerNumber = callerNumber == null ? "" : callerNumber;
        callerName = callerName == null ? "" : callerName;
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(context, "context");
        args = List.copyOf(args);
        variables = Map.copyOf(variables);
    }

    /** A call without preset variables whose tenant is the endpoint's. */
    public InboundCall(
            String endpoint,
            String callerNumber,
            String callerName,
            String extension,
            String context,
            List<String> args) {
        this(endpoint, callerNumber, callerName, extension, context, args, Map.of(), null);
    }

    /**
     * A call from the tenant's extension {@code from} to {@code number}, as deploy/asterisk's {@code from-internal}
     * context sends it into Stasis (endpoint {@code <tenant>_<from>}).
     */
    public static InboundCall internal(String tenantId, String from, String number) {
        return new InboundCall(
                tenantId + "_" + from,
                from,
                "Extension " + from,
                number,
                "from-internal-" + tenantId,
                List.of("internal", tenantId, number));
    }

    /**
     * A call from {@code caller} to the DID {@code did} on the tenant's trunk {@code trunk}, as deploy/asterisk's
     * {@code from-trunk} context sends it into Stasis (endpoint {@code <tenant>_trunk-<trunk>}).
     */
    public static InboundCall fromTrunk(String tenantId, String trunk, String caller, String did) {
        return new InboundCall(
                tenantId + "_trunk-" + trunk,
                caller,
                null,
                did,
                "from-trunk-" + tenantId,
                List.of("inbound", tenantId, did));
    }

    /** The same call with channel variables set by the dialplan before Stasis. */
    public InboundCall withVariables(Map<String, String> variables) {
        return new InboundCall(endpoint, callerNumber, callerName, extension, context, args, variables, tenantId);
    }

    /** The same call on a channel whose {@code tenantid} is {@code tenantId}. */
    public InboundCall withTenantId(String tenantId) {
        return new InboundCall(endpoint, callerNumber, callerName, extension, context, args, variables, tenantId);
    }
}
