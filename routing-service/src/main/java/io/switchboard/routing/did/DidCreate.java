package io.switchboard.routing.did;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new DID: its number and whatever differs from the defaults. */
public record DidCreate(
        @NotNull @Schema(description = "International number; stored in E.164", examples = "+4930123456")
        String number,

        @Schema(description = "active (default), inactive or pending")
        DidStatus status,

        String description,
        @Valid DidRoute route,

        @Schema(description = "Receive SMS on this number (needs the tenant's sms feature)")
        Boolean smsEnabled,

        @Schema(description = "Where inbound SMS events for this number are delivered")
        String smsWebhookUrl) {}
