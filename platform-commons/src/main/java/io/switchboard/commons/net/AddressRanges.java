package io.switchboard.commons.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address blocks a server-side connection to a tenant-given host (a webhook, a tenant's mail server) must never
 * reach unless the deployment allows private targets: every block of the IANA
 * special-purpose registries that is not globally reachable (private networks, loopback, link-local with the cloud
 * metadata services at 169.254.169.254 and fd00:ec2::254, carrier-grade NAT, documentation, benchmarking, multicast,
 * reserved), plus IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4), which are judged by that address.
 */
public final class AddressRanges {

    /** One CIDR block and why it is refused. */
    private record Block(byte[] network, int prefix, String name) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", "'this' network"),
            block("10.0.0.0/8", "private network"),
            block("100.64.0.0/10", "carrier-grade NAT"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local (cloud metadata)"),
            block("172.16.0.0/12", "private network"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.88.99.0/24", "6to4 relay anycast"),
            block("192.168.0.0/16", "private network"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("::ffff:0:0/96", "IPv4-mapped"),
            block("64:ff9b:1::/48", "local NAT64"),
            block("100::/64", "discard-only"),
            block("2001::/23", "IETF protocol assignments"),
            block("2001:db8::/32", "documentation"),
            block("fc00::/7", "unique local (private)"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("ff00::/8", "multicast"));

    private static final Block NAT64 = block("64:ff9b::/96", "NAT64");
    private static final Block SIX_TO_FOUR = block("2002::/16", "6to4");

    private AddressRanges() {}

    /** Why {@code address} is not a public internet address, or null when it is one. */
    public static String nonPublicReason(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = null;
            if (NAT64.contains(bytes)) {
                embedded = slice(bytes, 12);
            } else if (SIX_TO_FOUR.contains(bytes)) {
                embedded = slice(bytes, 2);
            }
            if (embedded != null) {
                String inner = nonPublicReason(v4(embedded));
                return inner == null ? null : inner + " (embedded in " + address.getHostAddress() + ")";
            }
        }
        for (Block block : BLOCKS) {
            if (block.contains(bytes)) {
                return block.name();
            }
        }
        if (address instanceof Inet4Address && (bytes[0] & 0xff) == 255) {
            return "broadcast";
        }
        return null;
    }

    private static byte[] slice(byte[] bytes, int from) {
        byte[] out = new byte[4];
        System.arraycopy(bytes, from, out, 0, 4);
        return out;
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Block block(String cidr, String name) {
        int slash = cidr.indexOf('/');
        try {
            // literals only: no name resolution happens here
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.startsWith("::ffff:")) {
                network = new byte[16];
                network[10] = (byte) 0xff;
                network[11] = (byte) 0xff;
            }
            return new Block(network, Integer.parseInt(cidr.substring(slash + 1)), name);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(cidr, e);
        }
    }
}
