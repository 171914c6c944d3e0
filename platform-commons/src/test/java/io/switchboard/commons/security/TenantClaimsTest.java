package io.switchboard.commons.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantClaimsTest {

    @Test
    void readsRolesGrantsAndRevokesPerTenant() {
        Map<String, Membership> memberships = TenantClaims.parse(Json.createObjectBuilder()
                .add(
                        "acme-corp",
                        Json.createObjectBuilder()
                                .add("roles", Json.createArrayBuilder().add("agent"))
                                .add("grants", Json.createArrayBuilder().add(Permissions.CDR_READ))
                                .add("revokes", Json.createArrayBuilder().add(Permissions.CHATS_HANDLE)))
                .add(
                        "globex",
                        Json.createObjectBuilder()
                                .add("roles", Json.createArrayBuilder().add("viewer")))
                .build());
        assertThat(memberships).containsOnlyKeys("acme-corp", "globex");
        Membership acme = memberships.get("acme-corp");
        assertThat(acme.permissions())
                .contains(Permissions.CALLS_HANDLE, Permissions.CDR_READ)
                .doesNotContain(Permissions.CHATS_HANDLE, Permissions.TENANT_SETTINGS);
        assertThat(memberships.get("globex").permissions())
                .containsExactlyInAnyOrder(Permissions.TENANT_READ, Permissions.TICKETS_READ, Permissions.REPORTS_READ);
    }

    @Test
    void acceptsTheClaimAsAStringAndIgnoresWhatItDoesNotKnow() {
        Map<String, Membership> memberships =
                TenantClaims.parse("{\"acme\":{\"roles\":[\"tenant_admin\",\"wizard\"]},\"bad\":42}");
        assertThat(memberships).containsOnlyKeys("acme");
        assertThat(memberships.get("acme").roles()).containsExactly("tenant_admin");
        assertThat(TenantClaims.parse("not json")).isEmpty();
        assertThat(TenantClaims.parse(null)).isEmpty();
    }

    @Test
    void tenantAdminsHoldEveryPermission() {
        assertThat(Permissions.effective(java.util.Set.of(Roles.TENANT_ADMIN), java.util.Set.of(), java.util.Set.of()))
                .containsExactlyInAnyOrderElementsOf(Permissions.ALL);
    }
}
