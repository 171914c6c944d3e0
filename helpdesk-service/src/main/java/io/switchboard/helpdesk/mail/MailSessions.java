package io.switchboard.helpdesk.mail;

import io.switchboard.helpdesk.config.HelpdeskConfig;
import io.switchboard.helpdesk.mailbox.MailServers;
import io.switchboard.helpdesk.mailbox.Security;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Session;
import java.util.Properties;

/**
 * Jakarta Mail sessions for a tenant's servers: timeouts, STARTTLS required when asked for, server identity checked
 * with TLS, and every connection through {@link MailServers#socketFactory()} (no private addresses unless allowed).
 */
@ApplicationScoped
public class MailSessions {

    private final HelpdeskConfig config;
    private final MailServers servers;

    public MailSessions(HelpdeskConfig config, MailServers servers) {
        this.config = config;
        this.servers = servers;
    }

    /** The protocol name for a server kind ({@code imap} or {@code smtp}) and its security. */
    public static String protocol(String kind, Security security) {
        return security == Security.TLS ? kind + "s" : kind;
    }

    public Session session(String kind, Security security, boolean auth) {
        String protocol = protocol(kind, security);
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(config.mail().timeout().toMillis());
        Properties properties = new Properties();
        properties.put(prefix + "connectiontimeout", timeout);
        properties.put(prefix + "timeout", timeout);
        properties.put(prefix + "writetimeout", timeout);
        properties.put(prefix + "socketFactory", servers.socketFactory());
        properties.put(prefix + "socketFactory.fallback", "false");
        properties.put(prefix + "ssl.checkserveridentity", "true");
        if (security == Security.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (kind.equals("smtp")) {
            properties.put(prefix + "auth", String.valueOf(auth));
        }
        return Session.getInstance(properties);
    }
}
