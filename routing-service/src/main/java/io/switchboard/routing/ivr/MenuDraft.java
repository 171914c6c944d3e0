package io.switchboard.routing.ivr;

import io.switchboard.routing.target.RouteTarget;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An IVR menu as created and as a JSON Merge Patch changes it; validated as a whole. */
public record MenuDraft(
        @NotBlank @Size(max = 80) @Schema(examples = "Main menu")
        String name,

        @NotNull @Size(min = 1, max = 10) @Schema(
                description = "Prompts played in order: sound:<name> or recording:<tenant>-<uuid>",
                examples = "[\"sound:welcome\", \"sound:press-1-for-sales\"]")
        List<String> greeting,

        @NotNull @Size(max = 12) @Schema(description = "Keys (0-9, *, #) and where each leads; may be another menu")
        Map<String, @Valid @NotNull RouteTarget> options,

        @NotNull @Min(1) @Max(60) @Schema(description = "Seconds to wait for a key after the greeting (default 5)")
        Integer timeoutSeconds,

        @NotNull @Min(0) @Max(10) @Schema(description = "Repeats after no or an invalid key (default 2)")
        Integer maxRetries,

        @NotNull @Size(max = 10) @Schema(description = "Played before repeating after an invalid key")
        List<String> invalidPrompt,

        @Valid @Schema(description = "Where the call goes after the last retry; hang up when not set")
        RouteTarget onFailure,

        @NotNull @Schema(description = "Whether callers may dial an extension number directly")
        Boolean directDial) {

    public MenuDefinition definition() {
        return new MenuDefinition(
                List.copyOf(greeting),
                Map.copyOf(options),
                timeoutSeconds,
                maxRetries,
                List.copyOf(invalidPrompt),
                onFailure,
                directDial);
    }
}
