package io.switchboard.tenant.tenant;

import io.switchboard.commons.tenant.TenantIds;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new tenant: its id and name, and whatever of the rest differs from the defaults (nested objects may be partial:
 * {@code "limits": {"maxAgents": 50}} keeps the default DID and call limits).
 */
public record TenantCreate(
        @NotNull @Pattern(regexp = TenantIds.PATTERN, message = "must be " + TenantIds.RULE) @Schema(description = "Immutable slug", examples = "acme-corp")
        String id,

        @Schema(examples = "Acme Corporation") String name,

        @Schema(description = "active (default) or trial; trial is the default when trialExpiresAt is given")
        TenantStatus status,

        String statusReason,

        @Schema(description = "End of the trial; defaults to the configured trial length for a trial tenant")
        OffsetDateTime trialExpiresAt,

        Limits limits,
        Features features,
        TenantSettings settings) {}
