package io.switchboard.helpdesk.canned;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A canned response as the API returns it. */
public record CannedResponseView(
        UUID id,
        String name,
        String shortcut,
        String body,
        @JsonProperty("isHtml") boolean isHtml,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
