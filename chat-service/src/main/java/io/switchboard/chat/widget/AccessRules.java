package io.switchboard.chat.widget;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may use a widget: the page's origin against the allowed domains ({@code example.com} exactly, {@code
 * *.example.com} any subdomain but not the apex), the visitor's address against the IP allow-list (addresses and CIDR
 * ranges, IPv4 and IPv6). An empty list allows everyone.
 */
public final class AccessRules {

    private static final Pattern DOMAIN =
            Pattern.compile("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");

    private AccessRules() {}

    /** Why a domain pattern is invalid, if it is. */
    public static Optional<String> domainProblem(String pattern) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(p).matches()) {
            return Optional.of("must be a host name such as example.com or *.example.com (no scheme, port or path)");
        }
        return Optional.empty();
    }

    /** Why an allow-list entry is invalid, if it is. */
    public static Optional<String> ipProblem(String entry) {
        try {
            Cidr.parse(entry);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("must be an IP address or a CIDR range such as 203.0.113.0/24 or 2001:db8::/32");
        }
    }

    /** The host of an {@code Origin} header value, if it is a usable http(s) origin. */
    public static Optional<String> originHost(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return Optional.empty();
            }
            return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a page on {@code origin} may use a widget with these allowed domains. */
    public static boolean originAllowed(List<String> allowedDomains, String origin) {
        if (allowedDomains.isEmpty()) {
            return true;
        }
        Optional<String> host = originHost(origin);
        if (host.isEmpty()) {
            return false;
        }
        for (String pattern : allowedDomains) {
            String p = pattern.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("*.")) {
                if (host.get().endsWith(p.substring(1))) {
                    return true;
                }
            } else if (host.get().equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a visitor at {@code address} may use a widget with this allow-list. */
    public static boolean addressAllowed(List<String> allowList, String address) {
        if (allowList.isEmpty()) {
            return true;
        }
        if (address == null) {
            return false;
        }
        byte[] ip;
        try {
            ip = Cidr.literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return allowList.stream().map(Cidr::parse).anyMatch(c -> c.contains(ip));
    }

    /** An address range: a network address and the number of leading bits that must match. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String entry) {
            String e = entry.strip();
            int slash = e.indexOf('/');
            byte[] address = literal(slash < 0 ? e : e.substring(0, slash));
            int max = address.length * 8;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(entry);
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException(entry);
                }
            }
            return new Cidr(address, bits);
        }

        /** The bytes of an IP literal; never a DNS lookup. */
        static byte[] literal(String text) {
            String t = text.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            boolean v4 = t.matches("^\\d{1,3}(\\.\\d{1,3}){3}$");
            boolean v6 = t.contains(":") && t.matches("^[0-9A-Fa-f:.]+$");
            if (!v4 && !v6) {
                throw new IllegalArgumentException(text);
            }
            try {
                byte[] bytes = InetAddress.getByName(t).getAddress();
                if (bytes.length == 16 && isMappedV4(bytes)) {
                    return java.util.Arrays.copyOfRange(bytes, 12, 16);
                }
                return bytes;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(text);
            }
        }

        private static boolean isMappedV4(byte[] b) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
