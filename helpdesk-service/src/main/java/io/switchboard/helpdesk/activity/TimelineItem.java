package io.switchboard.helpdesk.activity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a contact's timeline: a ticket, a chat or a call. Fields that do not apply to its kind are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineItem(
        @Schema(description = "ticket, chat or call") String kind,

        @Schema(description = "The ticket id, chat session id or call id")
        UUID id,

        @Schema(description = "When it began: created, chat started, call started")
        OffsetDateTime at,

        @Schema(description = "The ticket's status, the chat's or the call's last known state")
        String status,

        @Schema(description = "Ticket: its number") String number,
        @Schema(description = "Ticket: its subject") String subject,
        @Schema(description = "Chat: the widget") UUID widgetId,
        @Schema(description = "Chat: the agent's user id") String agentId,

        @Schema(description = "Chat: the agent; call: the endpoint that answered")
        String agentName,

        @Schema(description = "Call: inbound, outbound or internal")
        String direction,

        @Schema(description = "Call: the caller's number") String from,
        @Schema(description = "Call: the number called") String to,

        @Schema(description = "Call: whether someone answered")
        Boolean answered,

        @Schema(description = "Chat or call: how long it lasted")
        Integer durationSeconds,

        @Schema(description = "Chat or call: when it ended") OffsetDateTime endedAt) {}
