package io.switchboard.routing.did;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What can be set on a DID; a JSON Merge Patch changes it and it is validated as a whole. */
public record DidDraft(
        @NotNull DidStatus status,
        @Size(max = 200) String description,
        @Valid DidRoute route,
        @NotNull Boolean smsEnabled,
        @Size(max = 2048) String smsWebhookUrl) {}
