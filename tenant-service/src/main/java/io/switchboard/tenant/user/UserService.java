package io.switchboard.tenant.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.Caller;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.security.Roles;
import io.switchboard.tenant.config.TenantServiceConfig;
import io.switchboard.tenant.user.KeycloakUsers.Identity;
import io.switchboard.tenant.user.KeycloakUsers.MembershipClaim;
import io.switchboard.tenant.user.UserModels.UserCreate;
import io.switchboard.tenant.user.UserModels.UserDraft;
import io.switchboard.tenant.user.UserModels.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The rules of users and memberships. PostgreSQL is the source of truth and Keycloak follows ({@link IdentitySync}),
 * except at creation: the login is made first, because Keycloak chooses its id and takes the password, and removed
 * again if the user cannot be stored. Changes that reach beyond the tenant (e-mail, status, password of a user who
 * also belongs to other tenants) are for superadmins, so that one tenant's admin cannot take over a login another
 * tenant relies on.
 */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);
    /** Fields of the view that may be echoed back in a patch but never changed through it. */
    private static final Set<String> READ_ONLY =
            Set.of("id", "tenantId", "permissions", "identity", "createdAt", "updatedAt", "version");
    /** Fields whose change reaches every tenant of the user. */
    private static final Set<String> PLATFORM_WIDE = Set.of("email", "status");

    private final UserStore store;
    private final KeycloakUsers keycloak;
    private final IdentitySync sync;
    private final PlatformWork platform;
    private final MergePatches patches;
    private final TenantServiceConfig.PasswordReset reset;

    public UserService(
            UserStore store,
            KeycloakUsers keycloak,
            IdentitySync sync,
            PlatformWork platform,
            MergePatches patches,
            TenantServiceConfig config) {
        this.store = store;
        this.keycloak = keycloak;
        this.sync = sync;
        this.reset = config.passwordReset();
        this.platform = platform;
        this.patches = patches;
    }

    public UserView create(String tenantId, UserCreate request) {
        UserDraft draft = new UserDraft(
                request.email() == null ? null : request.email().strip(),
                request.firstName() == null ? "" : request.firstName(),
                request.lastName() == null ? "" : request.lastName(),
                request.phone(),
                request.avatarUrl(),
                UserStatus.ACTIVE,
                request.roles(),
                request.grants() == null ? List.of() : request.grants(),
                request.revokes() == null ? List.of() : request.revokes());
        draft = validate(draft);
        if (request.password() != null && request.password().isBlank()) {
            throw ProblemException.invalid("password", "must not be blank; leave it out to set one later");
        }
        UUID id;
        try {
            id = keycloak.create(
                    identity(draft, tenantId), request.password(), Boolean.TRUE.equals(request.temporaryPassword()));
        } catch (KeycloakUsers.Unavailable e) {
            throw unavailable(e, "nothing was created");
        }
        try {
            return store.insert(tenantId, id, draft);
        } catch (RuntimeException e) {
            try {
                keycloak.delete(id);
            } catch (RuntimeException cleanup) {
                LOG.errorf(
                        cleanup,
                        "Login %s was made in Keycloak but its user could not be stored; the orphan sweep removes it",
                        id);
            }
            throw e;
        }
    }

    public UserView find(String tenantId, UUID id) {
        return store.findView(tenantId, id).orElseThrow(() -> ProblemException.notFound("User", id.toString()));
    }

    public Page<UserView> list(String tenantId, UserFilter filter, PageRequest page) {
        return store.search(tenantId, filter, page);
    }

    /** Applies a JSON Merge Patch to the user's profile, status and membership of the tenant. */
    public UserView update(String tenantId, UUID id, JsonNode patch, String ifMatch, Caller caller) {
        UserView current = find(tenantId, id);
        ETags.checkIfMatch(ifMatch, current.version());
        UserDraft before = draftOf(current);
        MergePatches.Patched<UserDraft> patched = patches.apply(before, patch, UserDraft.class, READ_ONLY, current);
        UserDraft draft = validate(patched.draft());
        List<String> changed = patches.changes(before, draft);
        if (changed.isEmpty()) {
            return current;
        }
        List<String> platformWide =
                changed.stream().filter(PLATFORM_WIDE::contains).toList();
        if (!platformWide.isEmpty() && !caller.superadmin() && otherTenants(id, tenantId) > 0) {
            throw new ProblemException(Problem.of(
                            ProblemType.FORBIDDEN,
                            "This user also belongs to other tenants, so their " + String.join(" and ", platformWide)
                                    + " can only be changed by a platform administrator; you can change their roles"
                                    + " here or remove them from your tenant")
                    .with("fields", platformWide));
        }
        if (id.toString().equals(caller.userId())
                && current.roles().contains(Roles.TENANT_ADMIN)
                && !draft.roles().contains(Roles.TENANT_ADMIN)
                && !caller.superadmin()) {
            throw ProblemException.invalid(
                    "roles", "you cannot take the tenant_admin role from yourself; ask another tenant admin");
        }
        UserView updated = store.update(tenantId, id, draft, changed);
        return withIdentity(updated, sync.push(id));
    }

    /** Removes the user from the tenant; one left in no tenant is deleted and can no longer log in. */
    public void remove(String tenantId, UUID id, Caller caller) {
        find(tenantId, id);
        if (id.toString().equals(caller.userId()) && !caller.superadmin()) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "You cannot remove yourself from the tenant; ask another tenant admin");
        }
        store.remove(tenantId, id, otherTenants(id, tenantId) == 0);
        sync.push(id);
    }

    /** Sets the user's password in Keycloak (Switchboard never stores it). */
    public void setPassword(String tenantId, UUID id, String password, boolean temporary, Caller caller) {
        find(tenantId, id);
        if (password == null || password.isBlank()) {
            throw ProblemException.invalid("password", "is required");
        }
        if (!caller.superadmin() && otherTenants(id, tenantId) > 0) {
            throw ProblemException.forbidden("This user also belongs to other tenants, so only a platform"
                    + " administrator can set their password; they can reset it themselves from the login page");
        }
        try {
            keycloak.setPassword(id, password, temporary);
        } catch (KeycloakUsers.Unavailable e) {
            throw unavailable(e, "the password was not changed");
        }
        store.passwordEvent(EventTypes.TENANT_USER_PASSWORD_CHANGED, tenantId, id, "set", temporary);
    }

    /**
     * Has Keycloak e-mail the user a link to set a new password themselves (its own "update password" page); the
     * password never passes through Switchboard. Only for active users: a suspended or inactive login cannot use it.
     */
    public void sendPasswordReset(String tenantId, UUID id) {
        UserView user = find(tenantId, id);
        if (user.status() != UserStatus.ACTIVE) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "User " + user.email() + " is " + user.status().name().toLowerCase(java.util.Locale.ROOT)
                            + "; make them active before sending a password reset e-mail");
        }
        try {
            keycloak.sendPasswordReset(
                    id,
                    reset.linkLifespan(),
                    reset.clientId().orElse(null),
                    reset.redirectUri().orElse(null));
        } catch (KeycloakUsers.Unavailable e) {
            throw unavailable(e, "no e-mail was sent");
        }
        store.passwordEvent(EventTypes.TENANT_USER_PASSWORD_RESET_REQUESTED, tenantId, id, "reset_link", false);
    }

    /** How many tenants besides this one the user belongs to (a cross-tenant count, nothing else leaves it). */
    private long otherTenants(UUID id, String tenantId) {
        try {
            return platform.run(() -> store.otherTenants(id, tenantId), 10);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The user directory is slow; try again");
        }
    }

    /**
     * The caller changes their own password, proving they know the current one; recorded in the active tenant's
     * audit log when the request has one.
     */
    public void changeOwnPassword(String tenantId, Caller caller, String current, String password) {
        Validation validation = new Validation();
        validation.require(current != null && !current.isEmpty(), "currentPassword", "is required");
        validation.require(password != null && !password.isBlank(), "password", "is required");
        validation.throwIfInvalid();
        try {
            if (!keycloak.isCurrentPassword(caller.username(), current)) {
                throw ProblemException.invalid("currentPassword", "is not your current password");
            }
            keycloak.setPassword(UUID.fromString(caller.userId()), password, false);
        } catch (KeycloakUsers.Unavailable e) {
            throw unavailable(e, "the password was not changed");
        }
        if (tenantId != null) {
            store.passwordEvent(
                    EventTypes.TENANT_USER_PASSWORD_CHANGED,
                    tenantId,
                    UUID.fromString(caller.userId()),
                    "changed",
                    false);
        }
    }

    private UserDraft validate(UserDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        String phone = draft.phone();
        if (phone != null) {
            phone = e164(phone, validation);
        }
        if (draft.roles() != null) {
            for (String role : draft.roles()) {
                validation.require(
                        Roles.TENANT_ROLES.contains(role),
                        "roles",
                        "'" + role + "' is not a role; roles are " + String.join(", ", Roles.TENANT_ROLES));
            }
        }
        for (Map.Entry<String, List<String>> list : Map.of(
                        "grants", nonNull(draft.grants()), "revokes", nonNull(draft.revokes()))
                .entrySet()) {
            for (String permission : list.getValue()) {
                validation.require(
                        Permissions.isKnown(permission),
                        list.getKey(),
                        "'" + permission + "' is not a permission (docs/rbac.md lists them)");
            }
        }
        if (draft.avatarUrl() != null) {
            validation.require(isHttpUrl(draft.avatarUrl()), "avatarUrl", "must be an http or https URL");
        }
        validation.throwIfInvalid();
        return new UserDraft(
                draft.email(),
                draft.firstName(),
                draft.lastName(),
                phone,
                draft.avatarUrl(),
                draft.status(),
                draft.roles(),
                draft.grants(),
                draft.revokes());
    }

    /** The number in E.164, or a validation error saying how to write it. */
    private static String e164(String phone, Validation validation) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(phone, "ZZ");
            if (util.isValidNumber(number)) {
                return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // reported below
        }
        validation.add("phone", "must be a valid international number with its country code, e.g. +4930123456");
        return phone;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static UserDraft draftOf(UserView view) {
        return new UserDraft(
                view.email(),
                view.firstName(),
                view.lastName(),
                view.phone(),
                view.avatarUrl(),
                view.status(),
                view.roles(),
                view.grants(),
                view.revokes());
    }

    private static Identity identity(UserDraft draft, String tenantId) {
        return new Identity(
                draft.email(),
                draft.firstName(),
                draft.lastName(),
                draft.status() == UserStatus.ACTIVE,
                Map.of(tenantId, new MembershipClaim(draft.roles(), draft.grants(), draft.revokes())));
    }

    private static UserView withIdentity(UserView view, boolean synced) {
        return new UserView(
                view.id(),
                view.email(),
                view.firstName(),
                view.lastName(),
                view.phone(),
                view.avatarUrl(),
                view.status(),
                view.tenantId(),
                view.roles(),
                view.grants(),
                view.revokes(),
                view.permissions(),
                synced ? "synced" : "pending",
                view.createdAt(),
                view.updatedAt(),
                view.version());
    }

    private static ProblemException unavailable(KeycloakUsers.Unavailable e, String outcome) {
        LOG.warnf("Keycloak unavailable: %s", e.getMessage());
        return new ProblemException(Problem.of(
                ProblemType.SERVICE_UNAVAILABLE,
                "The identity provider (Keycloak) cannot be reached, so " + outcome + "; try again shortly"));
    }
}
