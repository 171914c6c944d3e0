package io.switchboard.tenant.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One administrative change, as the audit log shows it. */
public record AuditEntry(
        @Schema(description = "The id of the event the entry was made from")
        UUID id,

        String tenantId,

        @Schema(description = "When the change was committed")
        OffsetDateTime occurredAt,

        @Schema(examples = "telephony.queue.updated") String type,

        @Schema(description = "The service that made the change", examples = "/switchboard/telephony-service")
        String source,

        @Schema(description = "The changed object's id") String subject,

        @Schema(description = "The user (Keycloak id) or service account that acted; system for platform jobs")
        String actor,

        @Schema(description = "The client address of the request")
        String clientIp,

        @Schema(description = "The event's data: the object after the change, with changedFields where it applies")
        JsonNode data) {}
