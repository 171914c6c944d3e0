package io.switchboard.commons.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "::1",
                "fe80::1",
                "fd00:ec2::254",
                "::ffff:127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:0001::1",
                "255.255.255.255"
            })
    void refusesWhatIsNotPublic(String literal) throws Exception {
        assertThat(AddressRanges.nonPublicReason(InetAddress.getByName(literal)))
                .as(literal)
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808"})
    void acceptsPublicAddresses(String literal) throws Exception {
        assertThat(AddressRanges.nonPublicReason(InetAddress.getByName(literal)))
                .as(literal)
                .isNull();
    }
}
