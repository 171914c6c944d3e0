package io.switchboard.webhook.target;

import io.switchboard.commons.net.AddressRanges;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs webhooks may be sent to (SSRF protection). A URL is checked when a subscription is saved, and the host is
 * resolved again and every address checked right before each connection, which then goes to the vetted address and
 * nowhere else: a name that later resolves to an internal address (DNS rebinding) is refused at that point.
 */
public final class TargetPolicy {

    /** A parsed, syntactically acceptable target. */
    public record Target(URI uri, String host, int port, boolean https) {

        /** The path and query to request. */
        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    private final boolean requireHttps;
    private final boolean allowPrivate;
    private final HostResolver resolver;

    public TargetPolicy(boolean requireHttps, boolean allowPrivate, HostResolver resolver) {
        this.requireHttps = requireHttps;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Parses and checks a URL as a subscription's target: its form, and where its host resolves to now. */
    public Target check(String url) throws TargetRefusedException {
        Target target = parse(url);
        vet(target);
        return target;
    }

    /** The form of a URL alone, without resolving it. */
    public Target parse(String url) throws TargetRefusedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new TargetRefusedException("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new TargetRefusedException("must be an https:// URL");
        }
        if (requireHttps && scheme.equals("http")) {
            throw new TargetRefusedException("must use https (plain http is refused in this deployment)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new TargetRefusedException("must not contain credentials; send them in a custom header instead");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new TargetRefusedException("needs a valid host name or address");
        }
        if (uri.getRawFragment() != null) {
            throw new TargetRefusedException("must not have a fragment (#...)");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(uri, host.toLowerCase(Locale.ROOT), port, scheme.equals("https"));
    }

    /**
     * Resolves the target's host and returns the address to connect to; refuses the target when any address it
     * resolves to is not public (unless private targets are allowed) or when it does not resolve.
     */
    public InetAddress vet(Target target) throws TargetRefusedException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(target.host());
        } catch (UnknownHostException e) {
            throw new TargetRefusedException("host '" + target.host() + "' cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new TargetRefusedException("host '" + target.host() + "' cannot be resolved");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String reason = AddressRanges.nonPublicReason(address);
                if (reason != null) {
                    throw new TargetRefusedException("host '" + target.host() + "' resolves to "
                            + address.getHostAddress() + ", a " + reason
                            + " address; webhooks only go to public addresses");
                }
            }
        }
        return addresses[0];
    }
}
