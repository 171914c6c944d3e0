package io.switchboard.tenant.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of the users API and of the {@code tenant.user.*} and {@code tenant.membership.*} events. */
public final class UserModels {

    private UserModels() {}

    /** {@code POST /api/v1/users}: a new user, member of the active tenant. */
    public record UserCreate(
            @Schema(examples = "alice@acme.example") String email,
            @Schema(examples = "Alice") String firstName,
            @Schema(examples = "Martin") String lastName,

            @Schema(description = "E.164 or a number in the tenant's country", examples = "+4930123456")
            String phone,

            String avatarUrl,

            @Schema(description = "tenant_admin, supervisor, agent, viewer; at least one")
            List<String> roles,

            @Schema(description = "Permissions beyond the roles' defaults")
            List<String> grants,

            @Schema(description = "Permissions taken from the roles' defaults")
            List<String> revokes,

            @Schema(
                    description = "Initial password, sent to Keycloak and never stored by Switchboard; without it the"
                            + " user cannot log in until one is set")
            String password,

            @Schema(description = "The user must change the password at first login (default false)")
            Boolean temporaryPassword) {}

    /** Everything a tenant admin can set about a user: created from defaults, changed by JSON Merge Patch. */
    public record UserDraft(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            String phone,
            @Size(max = 2048) String avatarUrl,
            @NotNull UserStatus status,

            @NotNull @Size(min = 1, message = "must name at least one role") List<String> roles,

            @NotNull List<String> grants,
            @NotNull List<String> revokes) {}

    /** A user as members of one tenant see them: the profile and the membership in that tenant. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UserView(
            UUID id,
            String email,
            String firstName,
            String lastName,
            String phone,
            String avatarUrl,
            UserStatus status,
            String tenantId,
            List<String> roles,
            List<String> grants,
            List<String> revokes,

            @Schema(description = "What the roles, grants and revocations allow in this tenant")
            List<String> permissions,

            @Schema(
                    description = "synced: Keycloak (logins and tokens) reflects this; pending: a change is waiting to"
                            + " be pushed there and will be, the next token after that carries it")
            String identity,

            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version) {}

    /** {@code PUT /api/v1/users/{id}/password} */
    public record PasswordChange(
            @Schema(description = "The new password; Keycloak's password policy applies")
            String password,

            @Schema(description = "The user must change it at next login (default false)")
            Boolean temporary) {}

    /** {@code PUT /api/v1/users/me/password} */
    public record OwnPasswordChange(
            @Schema(description = "The password the user logs in with now")
            String currentPassword,

            @Schema(description = "The new password; Keycloak's password policy applies")
            String password) {}

    /** The data of {@code tenant.user.*}: the profile, the same in every tenant of the user. */
    /**
     * A password was set by an administrator ({@code set}), changed by its user ({@code changed}), or a reset link was
     * e-mailed ({@code reset_link}); never the password itself.
     */
    public record PasswordEvent(UUID id, String email, String method, boolean temporary, OffsetDateTime at) {}

    public record UserEvent(
            UUID id,
            String email,
            String firstName,
            String lastName,
            String phone,
            String avatarUrl,
            UserStatus status,
            List<String> changedFields,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime deletedAt,
            long version) {}

    /** The data of {@code tenant.membership.*}. */
    public record MembershipEvent(
            String tenantId,
            UUID userId,
            List<String> roles,
            List<String> grants,
            List<String> revokes,
            List<String> permissions,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version) {}
}
