package io.switchboard.commons.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme-corp", "a1", "globex", "x-y-z-123"})
    void slugsAreValid(String id) {
        assertThat(TenantIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "a", "-acme", "acme-", "Acme", "acme_corp", "acme corp", "ácme", "a-very-long-tenant-name-xy"
            })
    void anythingElseIsNot(String id) {
        assertThat(TenantIds.isValid(id)).isFalse();
    }
}
