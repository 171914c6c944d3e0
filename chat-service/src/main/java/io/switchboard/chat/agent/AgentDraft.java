package io.switchboard.chat.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What can be set on a chat agent: by the agent (availability, auto-accept) or a supervisor (everything). */
public record AgentDraft(
        @NotBlank @Size(max = 100) String displayName,

        @NotNull @Pattern(regexp = "^(online|away|offline)$", message = "must be online, away or offline")
        String availability,

        @NotNull @Min(1) @Max(100) Integer maxConcurrentChats,
        @Size(max = 100) String team,

        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = "^[^,]*$", message = "must not contain commas") String> skills,

        @NotNull Boolean autoAccept,

        @NotNull @Schema(
                description = "Desktop notifications in the agent's UI (new chats offered, messages while away"
                        + " from the tab); the agent's own choice")
        Boolean notificationsEnabled) {

    static AgentDraft defaults(String displayName) {
        return new AgentDraft(displayName, "offline", 3, null, List.of(), true, true);
    }
}
