package io.switchboard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real users in the local Keycloak for a test class, with the tenant memberships the token will carry; every user it
 * creates is deleted by {@link #close()}.
 */
public final class TestUsers implements AutoCloseable {

    /** A created user; {@link #token()} is a fresh-enough access token for it. */
    public static final class TestUser {
        private final String id;
        private final String username;
        private final String password;
        private String token;
        private Instant tokenExpiry = Instant.MIN;

        TestUser(String id, String username, String password) {
            this.id = id;
            this.username = username;
            this.password = password;
        }

        public String id() {
            return id;
        }

        public String username() {
            return username;
        }

        public synchronized String token() {
            if (Instant.now().isAfter(tokenExpiry)) {
                token = Keycloak.token(username, password);
                tokenExpiry = Instant.now().plusSeconds(120);
            }
            return token;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> created = new ArrayList<>();

    /** A platform superadmin. */
    public TestUser superadmin() {
        return create(Map.of(), List.of("superadmin"));
    }

    /** A member of one tenant with the given roles. */
    public TestUser member(String tenantId, String... roles) {
        return create(Map.of(tenantId, List.of(roles)), List.of());
    }

    /** A user with roles in several tenants. */
    public TestUser memberships(Map<String, List<String>> rolesByTenant) {
        return create(rolesByTenant, List.of());
    }

    private TestUser create(Map<String, List<String>> rolesByTenant, List<String> realmRoles) {
        String username = "test-" + UUID.randomUUID().toString().substring(0, 12);
        String password = UUID.randomUUID().toString();
        Map<String, Object> tenants = new LinkedHashMap<>();
        rolesByTenant.forEach((tenant, roles) -> tenants.put(tenant, Map.of("roles", roles)));
        try {
            String id = Keycloak.createUser(username, password, JSON.writeValueAsString(tenants), realmRoles);
            created.add(id);
            return new TestUser(id, username, password);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        created.forEach(Keycloak::deleteUser);
        created.clear();
    }
}
