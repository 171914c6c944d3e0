package io.switchboard.tenant.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * Everything about a tenant that can be set: the document that creation fills from defaults and that a JSON Merge
 * Patch changes, validated as a whole before it is stored.
 */
public record TenantDraft(
        @NotBlank @Size(max = 200) String name,
        @NotNull TenantStatus status,
        @Size(max = 500) String statusReason,
        OffsetDateTime trialExpiresAt,
        @NotNull @Valid Limits limits,
        @NotNull @Valid Features features,
        @NotNull @Valid TenantSettings settings) {}
