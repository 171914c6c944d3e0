package io.switchboard.helpdesk.contact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What creating a contact sets and a merge patch changes; validated as a whole by the service. */
public record ContactDraft(
        @Size(max = 200) String name,

        @NotNull @Size(max = ContactDraft.MAX_EMAILS) @Schema(description = "Unique in the tenant regardless of case")
        List<@NotNull @Valid ContactEmail> emails,

        @NotNull @Size(max = ContactDraft.MAX_PHONES) @Schema(
                description = "Phone numbers, stored in E.164 (+4930123456); national formats are read with the"
                        + " country of the tenant's locale")
        List<@NotBlank @Size(max = 40) String> phones,

        @NotNull @Size(max = ContactDraft.MAX_TAGS) @Schema(description = "Names of the tenant's tags")
        List<@NotBlank @Size(max = 50) String> tags,

        @Size(max = 10_000) String notes) {

    static final int MAX_EMAILS = 10;
    static final int MAX_PHONES = 10;
    static final int MAX_TAGS = 20;
}
