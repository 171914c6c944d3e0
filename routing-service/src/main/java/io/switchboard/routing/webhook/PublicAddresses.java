package io.switchboard.routing.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a webhook route may reach when private targets are not allowed: only globally routable unicast
 * ones. Loopback, private (RFC 1918, unique local), link-local (with the cloud metadata services), shared (CGNAT),
 * benchmarking, documentation, multicast, reserved and unspecified addresses are refused, also inside the IPv6 forms
 * that carry an IPv4 address (mapped, NAT64, 6to4).
 */
final class PublicAddresses {

    private PublicAddresses() {}

    /** Why {@code address} is not public, or null when it is. */
    static String problem(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                return problem(embedded);
            }
            if (v6.isLoopbackAddress() || v6.isAnyLocalAddress()) {
                return "loopback or unspecified";
            }
            if (v6.isLinkLocalAddress() || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "link-local";
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
            if ((b[0] & 0xff) == 0xff) {
                return "multicast";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "documentation";
            }
            return (b[0] & 0xe0) == 0x20 ? null : "reserved";
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 127) {
            return "loopback";
        }
        if (first == 0) {
            return "unspecified";
        }
        if (first == 10 || first == 172 && second >= 16 && second < 32 || first == 192 && second == 168) {
            return "private";
        }
        if (first == 169 && second == 254) {
            return "link-local";
        }
        if (first == 100 && second >= 64 && second < 128) {
            return "shared (carrier-grade NAT)";
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return "benchmarking";
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return "IETF protocol assignment";
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 2
                || first == 198 && second == 51 && (b[2] & 0xff) == 100
                || first == 203 && second == 0 && (b[2] & 0xff) == 113) {
            return "documentation";
        }
        if (first >= 224) {
            return first < 240 ? "multicast" : "reserved";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), NAT64 ({@code 64:ff9b::}) or 6to4 address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        try {
            if (mapped || nat64) {
                return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return Inet4Address.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }
}
