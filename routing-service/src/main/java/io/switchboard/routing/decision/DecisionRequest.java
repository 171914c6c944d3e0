package io.switchboard.routing.decision;

import io.switchboard.commons.tenant.TenantIds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What telephony-service asks at call setup. */
public record DecisionRequest(
        @NotNull @Pattern(regexp = TenantIds.PATTERN, message = "must be a tenant id") @Schema(examples = "acme-corp")
        String tenantId,

        @NotNull UUID callId,

        @NotNull @Pattern(regexp = "inbound|internal", message = "must be inbound or internal") @Schema(enumeration = {"inbound", "internal"})
        String direction,

        @Size(max = 80) @Schema(description = "The caller's number", examples = "+4930111222")
        String caller,

        @NotBlank @Size(max = 80) @Schema(
                description = "inbound: the DID called (E.164 or as the carrier sent it); internal: the number dialled",
                examples = "+4930123456")
        String called,

        @Size(max = 80) @Schema(description = "The Asterisk endpoint the call came from", examples = "acme-corp_trunk-carrier1")
        String sourceEndpoint,

        @Schema(description = "When the call arrived; opening hours are judged at this time (default: now)")
        OffsetDateTime time) {

    public static final String INBOUND = "inbound";
    public static final String INTERNAL = "internal";
}
