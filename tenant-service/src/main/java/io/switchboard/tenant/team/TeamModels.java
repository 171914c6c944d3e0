package io.switchboard.tenant.team;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of the teams API and of the {@code tenant.team.*} events. */
public final class TeamModels {

    private TeamModels() {}

    /**
     * Everything a team manager can set: {@code POST /api/v1/teams} takes it whole (members optional), {@code PATCH}
     * changes it by JSON Merge Patch.
     */
    public record TeamDraft(
            @Schema(description = "Unique in the tenant, ignoring case", examples = "Billing")
            @NotBlank @Size(max = 100) String name,

            @Size(max = 1000) String description,

            @Schema(description = "A user of the tenant who leads the team (need not be a member)")
            String leadId,

            @Schema(description = "User ids of the tenant's users; a user may be in several teams")
            @NotNull @Size(max = 500) List<String> members) {}

    /** A team of the active tenant; also the data of {@code tenant.team.*} events. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TeamView(
            UUID id,
            String tenantId,
            String name,
            String description,
            UUID leadId,

            @Schema(description = "The members' user ids, in the order they joined")
            List<UUID> members,

            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version) {}
}
