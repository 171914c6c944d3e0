package io.switchboard.chat.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    @Test
    void originsMatchExactHostsAndSubdomainWildcards() {
        List<String> allowed = List.of("example.com", "*.shop.test");
        assertThat(AccessRules.originAllowed(allowed, "https://example.com")).isTrue();
        assertThat(AccessRules.originAllowed(allowed, "http://EXAMPLE.com:8443"))
                .isTrue();
        assertThat(AccessRules.originAllowed(allowed, "https://www.example.com"))
                .isFalse();
        assertThat(AccessRules.originAllowed(allowed, "https://a.b.shop.test")).isTrue();
        assertThat(AccessRules.originAllowed(allowed, "https://shop.test")).isFalse();
        assertThat(AccessRules.originAllowed(allowed, "https://evilshop.test")).isFalse();
        assertThat(AccessRules.originAllowed(allowed, "null")).isFalse();
        assertThat(AccessRules.originAllowed(allowed, null)).isFalse();
        assertThat(AccessRules.originAllowed(List.of(), null)).isTrue();
    }

    @Test
    void addressesMatchSingleAddressesAndRangesOfBothFamilies() {
        List<String> allowed = List.of("203.0.113.0/24", "198.51.100.7", "2001:db8::/32");
        assertThat(AccessRules.addressAllowed(allowed, "203.0.113.200")).isTrue();
        assertThat(AccessRules.addressAllowed(allowed, "203.0.114.1")).isFalse();
        assertThat(AccessRules.addressAllowed(allowed, "198.51.100.7")).isTrue();
        assertThat(AccessRules.addressAllowed(allowed, "198.51.100.8")).isFalse();
        assertThat(AccessRules.addressAllowed(allowed, "2001:db8:1::5")).isTrue();
        assertThat(AccessRules.addressAllowed(allowed, "2001:db9::1")).isFalse();
        assertThat(AccessRules.addressAllowed(allowed, "::ffff:203.0.113.9")).isTrue();
        assertThat(AccessRules.addressAllowed(allowed, "not-an-ip")).isFalse();
        assertThat(AccessRules.ipProblem("10.0.0.0/33")).isPresent();
        assertThat(AccessRules.ipProblem("example.com")).isPresent();
        assertThat(AccessRules.domainProblem("https://example.com")).isPresent();
        assertThat(AccessRules.domainProblem("*.example.com")).isEmpty();
    }
}
