package io.switchboard.tenant.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.security.TenantClaims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Users as Keycloak holds them, written through its Admin REST API with tenant-service's service account: the login
 * (user name = e-mail), the profile, {@code enabled} (only active users), the password, and the {@code tenants}
 * attribute that the token mapper turns into the {@code tenants} claim. Users it made carry the attribute
 * {@code switchboardManaged}.
 */
@ApplicationScoped
public class KeycloakUsers {

    /** What Keycloak must hold for one user. */
    public record Identity(
            String email, String firstName, String lastName, boolean enabled, Map<String, MembershipClaim> tenants) {}

    /** One tenant's entry of the {@code tenants} claim. */
    public record MembershipClaim(List<String> roles, List<String> grants, List<String> revokes) {}

    /** Keycloak could not be reached or failed: nothing may be assumed about the change. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final String MANAGED = "switchboardManaged";

    private final Keycloak keycloak;
    private final String realm;
    private final String serverUrl;
    private final String clientId;
    private final String clientSecret;
    private final ObjectMapper mapper;
    /**
     * The value of {@link #MANAGED} on the logins this deployment makes: several deployments (or a test run next to a
     * local one) can share a realm, and each sweeps only its own orphans.
     */
    private final String owner;

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .build();

    public KeycloakUsers(
            Keycloak keycloak,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.server-url") String serverUrl,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.client-id") String clientId,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.client-secret") String clientSecret,
            @ConfigProperty(name = "switchboard.tenant.login-owner", defaultValue = "switchboard") String owner,
            ObjectMapper mapper) {
        this.owner = owner;
        this.keycloak = keycloak;
        this.realm = realm;
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.mapper = mapper;
    }

    /**
     * Creates the login; returns its id. A taken e-mail is a 409 problem, a password Keycloak's policy refuses a 400
     * naming {@code password} (and the login is removed again).
     */
    public UUID create(Identity identity, String password, boolean temporary) {
        UserRepresentation user = new UserRepresentation();
        apply(identity, user);
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes());
        attributes.put(MANAGED, List.of(owner));
        user.setAttributes(attributes);
        String id;
        try (Response response = users().create(user)) {
            if (response.getStatus() == 409) {
                throw new ProblemException(Problem.of(
                                ProblemType.ALREADY_EXISTS,
                                "A Switchboard login with e-mail " + identity.email() + " already exists")
                        .withErrors(List.of(new io.switchboard.commons.problem.FieldError("email", "is taken"))));
            }
            id = CreatedResponseUtil.getCreatedId(response);
        } catch (ProcessingException | WebApplicationException e) {
            throw unavailable("create the login", e);
        }
        if (password != null) {
            try {
                setPassword(UUID.fromString(id), password, temporary);
            } catch (RuntimeException e) {
                delete(UUID.fromString(id));
                throw e;
            }
        }
        return UUID.fromString(id);
    }

    /** Brings the login in line with {@code identity}; a login that is no longer enabled loses its sessions. */
    public void update(UUID id, Identity identity) {
        try {
            UserResource resource = users().get(id.toString());
            UserRepresentation user = resource.toRepresentation();
            apply(identity, user);
            resource.update(user);
            if (!identity.enabled()) {
                resource.logout();
            }
        } catch (ProcessingException | WebApplicationException e) {
            throw unavailable("update the login", e);
        }
    }

    public void setPassword(UUID id, String password, boolean temporary) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(temporary);
        try {
            users().get(id.toString()).resetPassword(credential);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 400) {
                throw ProblemException.invalid("password", policyMessage(e));
            }
            throw unavailable("set the password", e);
        } catch (ProcessingException e) {
            throw unavailable("set the password", e);
        }
    }

    /**
     * Whether {@code password} is the user's current password: a password grant of tenant-service's own confidential
     * client, made server side. Failures count for Keycloak's brute-force protection like any failed login.
     */
    public boolean isCurrentPassword(String username, String password) {
        String form = "grant_type=password&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&username=" + encode(username) + "&password=" + encode(password) + "&scope=openid";
        try {
            java.net.http.HttpResponse<String> response = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    serverUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                            .timeout(java.time.Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return true;
            }
            if (response.statusCode() == 400 || response.statusCode() == 401) {
                return false;
            }
            throw new Unavailable("Keycloak answered " + response.statusCode() + " to a password check", null);
        } catch (java.io.IOException e) {
            throw unavailable("check the password", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("check the password", e);
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Has Keycloak e-mail the user a link to its own "update password" page (execute-actions e-mail), valid for
     * {@code lifespan}; after the update the page leads back to {@code clientId}'s {@code redirectUri} when given.
     * The mail goes through the realm's SMTP settings: a realm without them, or a mail server that refuses, is a 502.
     */
    public void sendPasswordReset(UUID id, java.time.Duration lifespan, String resetClientId, String redirectUri) {
        try {
            users().get(id.toString())
                    .executeActionsEmail(
                            resetClientId, redirectUri, (int) lifespan.toSeconds(), List.of("UPDATE_PASSWORD"));
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 400 || status == 500) {
                String reason = errorMessage(e);
                throw new ProblemException(
                        ProblemType.BAD_GATEWAY,
                        "Keycloak could not e-mail the reset link (" + reason + "); check the realm's e-mail (SMTP)"
                                + " settings, or set the password instead");
            }
            throw unavailable("send the reset e-mail", e);
        } catch (ProcessingException e) {
            throw unavailable("send the reset e-mail", e);
        }
    }

    private static String errorMessage(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            int start = body.indexOf("\"errorMessage\":\"");
            if (start >= 0) {
                int from = start + "\"errorMessage\":\"".length();
                return body.substring(from, body.indexOf('"', from));
            }
        } catch (RuntimeException ignored) {
            // the status says enough
        }
        return "HTTP " + e.getResponse().getStatus();
    }

    /** Removes the login; one that is already gone is fine. */
    public void delete(UUID id) {
        try (Response response = users().delete(id.toString())) {
            if (response.getStatus() >= 300 && response.getStatus() != 404) {
                throw new Unavailable("Keycloak answered " + response.getStatus() + " deleting user " + id, null);
            }
        } catch (ProcessingException | WebApplicationException e) {
            throw unavailable("delete the login", e);
        }
    }

    /** A login this service made, and when Keycloak created it. */
    public record ManagedLogin(UUID id, String username, java.time.Instant createdAt) {}

    /** A page of the logins this service made (attribute {@code switchboardManaged}), for the orphan sweep. */
    public List<ManagedLogin> managed(int first, int max) {
        try {
            List<ManagedLogin> logins = new ArrayList<>();
            for (UserRepresentation user : users().searchByAttributes(first, max, null, true, MANAGED + ":" + owner)) {
                java.time.Instant created = user.getCreatedTimestamp() == null
                        ? java.time.Instant.EPOCH
                        : java.time.Instant.ofEpochMilli(user.getCreatedTimestamp());
                logins.add(new ManagedLogin(UUID.fromString(user.getId()), user.getUsername(), created));
            }
            return logins;
        } catch (ProcessingException | WebApplicationException e) {
            throw unavailable("list the logins", e);
        }
    }

    private void apply(Identity identity, UserRepresentation user) {
        user.setUsername(identity.email().toLowerCase(java.util.Locale.ROOT));
        user.setEmail(identity.email());
        user.setEmailVerified(true);
        user.setFirstName(identity.firstName());
        user.setLastName(identity.lastName());
        user.setEnabled(identity.enabled());
        Map<String, List<String>> attributes =
                user.getAttributes() == null ? new HashMap<>() : new HashMap<>(user.getAttributes());
        if (identity.tenants().isEmpty()) {
            attributes.remove(TenantClaims.CLAIM);
        } else {
            attributes.put(TenantClaims.CLAIM, List.of(json(identity.tenants())));
        }
        user.setAttributes(attributes);
    }

    private String json(Map<String, MembershipClaim> tenants) {
        try {
            return mapper.writeValueAsString(new LinkedHashMap<>(tenants));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private UsersResource users() {
        return keycloak.realm(realm).users();
    }

    private static String policyMessage(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            int start = body.indexOf("\"error_description\":\"");
            if (start >= 0) {
                int from = start + "\"error_description\":\"".length();
                return body.substring(from, body.indexOf('"', from));
            }
            return "is refused by the password policy";
        } catch (RuntimeException ignored) {
            return "is refused by the password policy";
        }
    }

    private static Unavailable unavailable(String action, Exception e) {
        return new Unavailable("Keycloak could not " + action + ": " + e.getMessage(), e);
    }
}
