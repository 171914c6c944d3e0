package io.switchboard.routing.did;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A DID as the API returns it and the {@code routing.did.*} events carry it; never its webhook secret, but once. */
public record DidView(
        UUID id,
        String number,
        DidStatus status,
        String description,
        DidRoute route,
        boolean smsEnabled,
        String smsWebhookUrl,

        @Schema(description = "Whether webhook requests of this DID are signed (a secret exists)")
        boolean hasWebhookSecret,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description =
                        "The whsec_ signing secret of the DID's webhook routes: only in the response of the request"
                                + " that created it (the first webhook route, or a rotation); keep it, it is not shown again")
        String webhookSecret) {

    public DidView withWebhookSecret(String secret) {
        return new DidView(
                id,
                number,
                status,
                description,
                route,
                smsEnabled,
                smsWebhookUrl,
                hasWebhookSecret,
                createdAt,
                updatedAt,
                version,
                secret);
    }
}
