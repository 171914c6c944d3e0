package io.switchboard.webhook.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.commons.net.AddressRanges;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF protection as production configures it: https only, public addresses only. */
class TargetPolicyTest {

    private final TargetPolicy production = new TargetPolicy(true, false, HostResolver.SYSTEM);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://127.1.2.3/hook",
                "https://10.0.0.8/hook",
                "https://172.20.1.1/hook",
                "https://192.168.1.10:8443/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://100.100.100.200/",
                "https://0.0.0.0/",
                "https://[::1]/hook",
                "https://[fe80::1]/hook",
                "https://[fd00:ec2::254]/",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[64:ff9b::a00:1]/hook",
                "https://[2002:c0a8:0101::1]/hook",
                "https://224.0.0.1/",
                "https://localhost/hook",
                "https://LOCALHOST:9999/hook"
            })
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefused(String url) {
        assertThatThrownBy(() -> production.check(url))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("resolves to")
                .hasMessageContaining("public addresses");
    }

    @Test
    void aHostNameThatTheSystemResolverMapsToLoopbackIsRefused() throws Exception {
        // The machine's own name resolves through /etc/hosts (the system resolver, no DNS server involved).
        String ownName = InetAddress.getLocalHost().getHostName();
        InetAddress[] addresses = InetAddress.getAllByName(ownName);
        boolean allPublic = true;
        for (InetAddress address : addresses) {
            allPublic &= AddressRanges.nonPublicReason(address) == null;
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(allPublic, ownName + " resolves to public addresses here");
        assertThatThrownBy(() -> production.check("https://" + ownName + "/hook"))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("'" + ownName.toLowerCase() + "' resolves to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://1.1.1.1/hook", "https://8.8.8.8:8443/a?b=c", "https://[2606:4700:4700::1111]/"})
    void publicAddressesAreAccepted(String url) {
        assertThatCode(() -> production.check(url)).doesNotThrowAnyException();
    }

    @Test
    void urlsMustBeHttpsWithoutCredentialsOrFragments() {
        assertThatThrownBy(() -> production.check("http://1.1.1.1/hook")).hasMessageContaining("must use https");
        assertThatThrownBy(() -> production.check("ftp://1.1.1.1/hook")).hasMessageContaining("https://");
        assertThatThrownBy(() -> production.check("https://user:pw@1.1.1.1/hook"))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> production.check("https://1.1.1.1/hook#x")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> production.check("/relative")).hasMessageContaining("https://");
        assertThatThrownBy(() -> production.check("https://exa mple.com/")).hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> production.check("https://no-such-host.invalid/"))
                .hasMessageContaining("cannot be resolved");
    }

    @Test
    void aDeploymentThatAllowsPrivateTargetsAcceptsLoopbackOverHttp() throws Exception {
        TargetPolicy local = new TargetPolicy(false, true, HostResolver.SYSTEM);
        TargetPolicy.Target target = local.check("http://localhost:8086/hook?x=1");
        assertThat(target.host()).isEqualTo("localhost");
        assertThat(target.port()).isEqualTo(8086);
        assertThat(target.pathAndQuery()).isEqualTo("/hook?x=1");
        assertThat(local.vet(target).isLoopbackAddress()).isTrue();
    }

    @Test
    void dnsRebindingIsCaughtAtConnectionTime() throws Exception {
        // The name resolves to a public address when the subscription is saved, then to the metadata service.
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                : new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        TargetPolicy policy = new TargetPolicy(true, false, rebinding);
        TargetPolicy.Target target = policy.check("https://hooks.example.com/in");
        assertThatThrownBy(() -> policy.vet(target))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("169.254.169.254")
                .hasMessageContaining("link-local");
    }

    @Test
    void oneNonPublicAddressAmongSeveralIsEnough() throws Exception {
        HostResolver mixed =
                host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")};
        assertThatThrownBy(() -> new TargetPolicy(true, false, mixed).check("https://mixed.example.com/"))
                .hasMessageContaining("10.1.2.3");
        HostResolver none = host -> {
            throw new UnknownHostException(host);
        };
        assertThatThrownBy(() -> new TargetPolicy(true, false, none).check("https://gone.example.com/"))
                .hasMessageContaining("cannot be resolved");
    }
}
