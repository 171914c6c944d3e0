package io.switchboard.helpdesk.mailbox;

import io.switchboard.commons.net.AddressRanges;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import javax.net.SocketFactory;

/**
 * Which mail servers a tenant's mailbox may use, against server-side request forgery (as webhook targets): a host
 * name or address literal whose every address is public, unless the deployment allows private servers (local runs and
 * tests). Checked when a mailbox is saved, and again on every connection by {@link #socketFactory()}: its sockets
 * refuse to connect to an address that is not allowed, so a name re-pointed inside later (DNS rebinding) is refused.
 */
@ApplicationScoped
public class MailServers {

    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$");
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[?[0-9A-Fa-f:.]+]?$");

    private final boolean allowPrivate;

    @Inject
    public MailServers(HelpdeskConfig config) {
        this(config.mail().allowPrivate());
    }

    MailServers(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code host} may not be a mail server, or null when it may; resolves the name now. */
    public String problem(String host) {
        if (host == null || host.isBlank()) {
            return "needs a host name";
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!HOST.matcher(h).matches() && !IP_LITERAL.matcher(h).matches()) {
            return "must be a host name or an IP address, without scheme, port or path";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            return "does not resolve (" + h + ")";
        }
        for (InetAddress address : addresses) {
            String refused = refused(address);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /** Sockets that connect only to allowed addresses; for the mail sessions' {@code socketFactory}. */
    public SocketFactory socketFactory() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new CheckedSocket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return connected(new InetSocketAddress(address, port));
            }

            private Socket connected(InetSocketAddress target) throws IOException {
                Socket socket = new CheckedSocket();
                socket.connect(target);
                return socket;
            }
        };
    }

    private String refused(InetAddress address) {
        if (allowPrivate) {
            return null;
        }
        String reason = AddressRanges.nonPublicReason(address);
        return reason == null
                ? null
                : "resolves to " + address.getHostAddress() + " (" + reason + "); mail servers must be public";
    }

    /** A socket that checks the (resolved) address it is asked to connect to. */
    private final class CheckedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (endpoint instanceof InetSocketAddress target) {
                if (target.isUnresolved()) {
                    throw new UnknownHostException(target.getHostString());
                }
                String refused = refused(target.getAddress());
                if (refused != null) {
                    throw new IOException("Mail server " + target.getHostString() + " refused: " + refused);
                }
            }
            super.connect(endpoint, timeout);
        }
    }
}
