package io.switchboard.telephony.trunk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address and CIDR range literals, checked without any DNS lookup. */
final class IpRanges {

    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");

    private IpRanges() {}

    static boolean isAddress(String value) {
        if (value == null) {
            return false;
        }
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (value.contains(":") && IPV6_CHARS.matcher(value).matches()) {
            try {
                // a literal with only these characters is parsed, never looked up
                return InetAddress.getByName(value) != null;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    static boolean isAddressOrRange(String value) {
        if (value == null) {
            return false;
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            return isAddress(value);
        }
        String address = value.substring(0, slash);
        String prefix = value.substring(slash + 1);
        if (!prefix.matches("^[0-9]{1,3}$") || !isAddress(address)) {
            return false;
        }
        int bits = Integer.parseInt(prefix);
        return bits <= (address.contains(":") ? 128 : 32);
    }
}
