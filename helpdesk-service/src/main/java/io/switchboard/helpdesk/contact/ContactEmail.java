package io.switchboard.helpdesk.contact;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One e-mail address of a contact. */
public record ContactEmail(
        @NotBlank @Size(max = 254) @Schema(examples = "carla@example.com")
        String address,

        @JsonProperty("primary")
        @Schema(description = "The address mail goes to; one per contact (the first one when none is marked)")
        Boolean primary) {}
