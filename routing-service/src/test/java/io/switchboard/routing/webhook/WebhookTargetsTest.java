package io.switchboard.routing.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.commons.net.AddressRanges;
import io.switchboard.routing.support.TestConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: in production webhook routes reach public addresses only, over https. */
class WebhookTargetsTest {

    private final WebhookTargets production = new WebhookTargets(new TestConfig(8, false, true));
    private final WebhookTargets local = new WebhookTargets(new TestConfig(8, true, false));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/route",
                "https://10.1.2.3/route",
                "https://172.16.0.1/route",
                "https://192.168.1.1/route",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/",
                "https://0.0.0.0/",
                "https://[::1]/",
                "https://[fd00::1]/",
                "https://[fe80::1]/",
                "https://[::ffff:127.0.0.1]/",
                "https://[64:ff9b::a9fe:a9fe]/",
                "https://localhost/route"
            })
    void privateLoopbackAndLinkLocalTargetsAreRefused(String url) {
        assertThat(production.problem(url)).contains("webhooks only go to public addresses");
        assertThat(local.problem(url))
                .as("allowed where the deployment says so")
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "93.184.215.14"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(AddressRanges.nonPublicReason(InetAddress.getByName(address)))
                .isNull();
    }

    @Test
    void theFormOfTheUrlIsChecked() {
        assertThat(production.problem("http://8.8.8.8/route")).isEqualTo("must use https");
        assertThat(production.problem("ftp://8.8.8.8/")).isEqualTo("must be an https:// URL");
        assertThat(production.problem("https://user:pw@8.8.8.8/")).isEqualTo("must not contain credentials");
        assertThat(production.problem("not a url")).startsWith("is not a valid URL");
        assertThat(production.problem("https://8.8.8.8/route?x=1")).isNull();
        assertThat(local.problem("http://127.0.0.1:8080/route")).isNull();
    }
}
