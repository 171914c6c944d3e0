package io.switchboard.routing.webhook;

import io.switchboard.commons.net.AddressRanges;
import io.switchboard.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs webhook routes (and SMS webhooks) may call, against server-side request forgery: http(s) without
 * credentials, and a host whose every address is public unless the deployment allows private targets (local runs and
 * tests). Checked when a route is saved and again right before each request, which then connects to the address that
 * was checked, so a name re-pointed inside in the meantime (DNS rebinding) is refused.
 */
@ApplicationScoped
public class WebhookTargets {

    /** A vetted target: the URL, and the address to connect to. */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {

        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** Why a target is refused; the message completes "the URL ...". */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    private final RoutingConfig config;

    public WebhookTargets(RoutingConfig config) {
        this.config = config;
    }

    /** Why {@code url} may not be a webhook target, or null when it may. */
    public String problem(String url) {
        try {
            vet(url);
            return null;
        } catch (RefusedException e) {
            return e.getMessage();
        }
    }

    /** Parses and checks {@code url}, resolving its host now. */
    public Target vet(String url) throws RefusedException {
        if (url == null || url.isBlank()) {
            throw new RefusedException("must be an https:// URL");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedException("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedException("must be an https:// URL");
        }
        if (scheme.equals("http") && config.webhook().requireHttps()) {
            throw new RefusedException("must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedException("must not contain credentials");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedException("needs a host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedException("has a host that does not resolve (" + host + ")");
        }
        if (!config.webhook().allowPrivate()) {
            for (InetAddress address : addresses) {
                String problem = AddressRanges.nonPublicReason(address);
                if (problem != null) {
                    throw new RefusedException("resolves to " + address.getHostAddress() + ", a " + problem
                            + " address; webhooks only go to public addresses");
                }
            }
        }
        return new Target(uri, host.toLowerCase(Locale.ROOT), port, https, addresses[0]);
    }
}
