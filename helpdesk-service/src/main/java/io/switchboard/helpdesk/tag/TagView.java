package io.switchboard.helpdesk.tag;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A tag as the API returns it. */
public record TagView(
        UUID id, String name, String color, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {}
