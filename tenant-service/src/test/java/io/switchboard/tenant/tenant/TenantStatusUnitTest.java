package io.switchboard.tenant.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantStatusUnitTest {

    @Test
    void transitionsFollowTheLifecycle() {
        assertThat(TenantStatus.TRIAL.canChangeTo(TenantStatus.ACTIVE)).isTrue();
        assertThat(TenantStatus.TRIAL.canChangeTo(TenantStatus.INACTIVE)).isTrue();
        assertThat(TenantStatus.ACTIVE.canChangeTo(TenantStatus.TRIAL)).isFalse();
        assertThat(TenantStatus.INACTIVE.canChangeTo(TenantStatus.SUSPENDED)).isFalse();
        assertThat(TenantStatus.SUSPENDED.canChangeTo(TenantStatus.ACTIVE)).isTrue();
        assertThat(TenantStatus.ACTIVE.canChangeTo(TenantStatus.ACTIVE)).isTrue();
    }

    @Test
    void onlyActiveAndTrialAcceptWrites() {
        assertThat(TenantStatus.ACTIVE.acceptsWrites()).isTrue();
        assertThat(TenantStatus.TRIAL.acceptsWrites()).isTrue();
        assertThat(TenantStatus.SUSPENDED.acceptsWrites()).isFalse();
        assertThat(TenantStatus.INACTIVE.acceptsWrites()).isFalse();
    }

    @Test
    void jsonValuesAreLowercase() {
        assertThat(TenantStatus.of("suspended")).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(TenantStatus.SUSPENDED.value()).isEqualTo("suspended");
        assertThatThrownBy(() -> TenantStatus.of("SUSPENDED")).hasMessageContaining("unknown status");
    }
}
