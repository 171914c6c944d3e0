package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local Keycloak as tests use it: password-grant tokens from the {@code switchboard-tests} client, service
 * accounts' tokens (client credentials), and the Admin REST API (with the {@code tenant-service} client's service
 * account) to create and delete test users.
 */
public final class Keycloak {

    public static final String REALM = "switchboard";
    public static final String TEST_CLIENT = "switchboard-tests";
    private static final String ADMIN_CLIENT = "tenant-service";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Keycloak() {}

    /**
     * An access token for a user of the switchboard realm. Keycloak 26 now and then locks a user out as a brute-force
     * suspect without any failed login (keycloak/keycloak#36495), answering "Invalid user credentials" to the right
     * password; the lock is then lifted through the Admin API and the login tried once more, so that a wrong or
     * disabled login still fails.
     */
    public static String token(String username, String password) {
        try {
            return passwordGrant(username, password);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().contains("Invalid user credentials")) {
                throw e;
            }
            clearBruteForceLock(username);
            return passwordGrant(username, password);
        }
    }

    private static String passwordGrant(String username, String password) {
        JsonNode response = form(
                "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        TEST_CLIENT,
                        "username",
                        username,
                        "password",
                        password,
                        "scope",
                        "openid"));
        return response.get("access_token").asText();
    }

    private static void clearBruteForceLock(String username) {
        HttpResponse<String> users = admin(
                "GET",
                "/users?exact=true&username="
                        + URLEncoder.encode(username.toLowerCase(java.util.Locale.ROOT), StandardCharsets.UTF_8),
                null);
        for (JsonNode user : parse(users.body())) {
            admin(
                    "DELETE",
                    "/attack-detection/brute-force/users/" + user.path("id").asText(),
                    null);
        }
    }

    /** The {@code tenants} claim of an access token (tenant id -> roles, grants, revokes), read without checks. */
    public static JsonNode tenantsClaim(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claim = parse(payload).path("tenants");
        return claim.isTextual() ? parse(claim.asText()) : claim;
    }

    /** The roles an access token carries in {@code tenantId}. */
    public static List<String> roles(String accessToken, String tenantId) {
        List<String> roles = new java.util.ArrayList<>();
        tenantsClaim(accessToken).path(tenantId).path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    /** An access token of a confidential client's service account (client credentials grant). */
    public static String clientToken(String clientId, String secret) {
        JsonNode response = form(
                "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        return response.get("access_token").asText();
    }

    /** Creates an enabled user with a password, the {@code tenants} attribute and realm roles; returns its id. */
    public static String createUser(String username, String password, String tenantsJson, List<String> realmRoles) {
        Map<String, Object> user = Map.of(
                "username",
                username,
                "email",
                username + "@test.switchboard.local",
                "emailVerified",
                true,
                "firstName",
                "Test",
                "lastName",
                username,
                "enabled",
                true,
                "attributes",
                Map.of("tenants", List.of(tenantsJson)),
                "credentials",
                List.of(Map.of("type", "password", "value", password, "temporary", false)));
        String id = createLogin(user);
        if (!realmRoles.isEmpty()) {
            List<Object> roles = realmRoles.stream()
                    .map(name ->
                            (Object) parse(admin("GET", "/roles/" + name, null).body()))
                    .toList();
            HttpResponse<String> mapped = admin("POST", "/users/" + id + "/role-mappings/realm", roles);
            if (mapped.statusCode() != 204) {
                throw new IllegalStateException("Mapping roles to " + username + " failed: " + mapped.body());
            }
        }
        return id;
    }

    /** Creates a login from a Keycloak user representation (as the admin REST API takes it); returns its id. */
    public static String createLogin(Map<String, Object> user) {
        HttpResponse<String> created = admin("POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating user " + user.get("username") + " failed: " + created.statusCode()
                    + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Does what a user does with Keycloak's e-mailed "update password" link, in Keycloak's own pages like a browser
     * (cookies, redirects, the "proceed" page if there is one): opens the link, fills the new password twice and
     * submits. Returns the page Keycloak answers with (it says whether the account was updated).
     */
    public static String followPasswordResetLink(String link, String newPassword) {
        Browser browser = new Browser();
        String page = browser.get(link);
        for (int hops = 0; !page.contains("password-new") && hops < 3; hops++) {
            java.util.regex.Matcher proceed = java.util.regex.Pattern.compile("href=\"([^\"]*login-actions[^\"]*)\"")
                    .matcher(page);
            if (!proceed.find()) {
                throw new IllegalStateException("Keycloak's page has neither the password form nor a link on: " + page);
            }
            page = browser.get(unescape(proceed.group(1)));
        }
        java.util.regex.Matcher form =
                java.util.regex.Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page);
        if (!form.find()) {
            throw new IllegalStateException("No form on Keycloak's update-password page: " + page);
        }
        return browser.post(
                unescape(form.group(1)),
                "password-new=" + URLEncoder.encode(newPassword, StandardCharsets.UTF_8) + "&password-confirm="
                        + URLEncoder.encode(newPassword, StandardCharsets.UTF_8));
    }

    /**
     * Just enough of a browser for Keycloak's pages: follows redirects and keeps cookies. By hand, because the JDK's
     * cookie manager does not send Keycloak's {@code Secure} cookies over plain HTTP, which browsers do for localhost.
     */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final Map<String, String> cookies = new java.util.LinkedHashMap<>();

        String get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET());
        }

        String post(String url, String form) {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private String send(HttpRequest.Builder request) {
            try {
                for (int redirects = 0; redirects < 10; redirects++) {
                    if (!cookies.isEmpty()) {
                        request.setHeader(
                                "Cookie",
                                cookies.entrySet().stream()
                                        .map(c -> c.getKey() + "=" + c.getValue())
                                        .collect(Collectors.joining("; ")));
                    }
                    HttpRequest sent = request.timeout(Duration.ofSeconds(20)).build();
                    HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
                    for (String header : response.headers().allValues("Set-Cookie")) {
                        String pair = header.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(
                                    pair.substring(0, eq).strip(),
                                    pair.substring(eq + 1).strip());
                        }
                    }
                    java.util.Optional<String> location = response.headers().firstValue("Location");
                    if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                        return response.body();
                    }
                    request = HttpRequest.newBuilder(sent.uri().resolve(location.get()))
                            .GET();
                }
                throw new IllegalStateException("Keycloak's pages redirect in circles");
            } catch (IOException e) {
                throw new IllegalStateException("Keycloak's pages do not answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#x3D;", "=").replace("&#61;", "=");
    }

    /** Whether the realm has a login with this id. */
    public static boolean loginExists(String id) {
        return admin("GET", "/users/" + id, null).statusCode() == 200;
    }

    public static void deleteUser(String id) {
        admin("DELETE", "/users/" + id, null);
    }

    private static HttpResponse<String> admin(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(LocalStack.keycloakUrl() + "/admin/realms/" + REALM + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + adminToken())
                    .header("Content-Type", "application/json");
            request.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin call failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String adminToken() {
        return clientToken(
                ADMIN_CLIENT,
                System.getenv().getOrDefault("KEYCLOAK_TENANT_SERVICE_SECRET", "tenant-service-local-secret"));
    }

    private static JsonNode form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(LocalStack.keycloakUrl() + path))
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Keycloak token request failed: " + response.statusCode() + " " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is unreachable at " + LocalStack.keycloakUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Unexpected Keycloak response: " + json, e);
        }
    }
}
