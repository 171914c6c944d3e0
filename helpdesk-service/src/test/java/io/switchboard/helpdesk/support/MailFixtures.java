package io.switchboard.helpdesk.support;

import static io.switchboard.helpdesk.support.Fixtures.as;

import io.switchboard.testing.LocalStack;
import io.switchboard.testing.TestUsers.TestUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Mailboxes on the local mail server (GreenMail: IMAP 3143 and SMTP 3025 on 127.0.0.1, any login accepted). */
public final class MailFixtures {

    public static final int IMAP_PORT = 3143;

    private MailFixtures() {}

    /** A fresh address of its own for a test (GreenMail keeps mail until it stops). */
    public static String address(String who, String domain) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    /** A mailbox reading {@code address}'s GreenMail INBOX and sending through GreenMail's SMTP port. */
    public static Map<String, Object> mailbox(String address, int smtpPort) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Support");
        body.put(
                "imap",
                Map.of(
                        "host", "127.0.0.1",
                        "port", IMAP_PORT,
                        "security", "none",
                        "user", address,
                        "password", "imap-secret"));
        body.put("smtp", Map.of("host", "127.0.0.1", "port", smtpPort, "security", "none"));
        body.put("fromAddress", address);
        body.put("fromName", "ACME Support");
        return body;
    }

    public static Map<String, Object> mailbox(String address) {
        return mailbox(address, LocalStack.mailSmtpPort());
    }

    /** Creates the mailbox as the tenant's admin; returns its id. */
    public static String create(TestUser admin, String tenant, Map<String, Object> mailbox) {
        return as(admin, tenant)
                .body(mailbox)
                .post("/api/v1/helpdesk/mailboxes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The outcomes of the mails the tenant's mailboxes read, oldest first (as the service recorded them). */
    public static List<String> inboundOrEmpty(String tenant, String messageId) throws SQLException {
        try (Connection connection = io.switchboard.testing.Database.connectAs(Fixtures.ROLE)) {
            tenant(connection, tenant);
            try (PreparedStatement query = connection.prepareStatement(
                    "select outcome from inbound_mail where tenant_id = ? and message_id = ? order by received_at")) {
                query.setString(1, tenant);
                query.setString(2, messageId);
                List<String> outcomes = new ArrayList<>();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        outcomes.add(rs.getString(1));
                    }
                }
                return outcomes;
            }
        }
    }

    /** Makes the mailbox forget how far it read, as if its cursor were lost: the next poll reads the whole folder. */
    public static void forgetCursor(String tenant, String mailboxId) throws SQLException {
        try (Connection connection = io.switchboard.testing.Database.connectAs(Fixtures.ROLE)) {
            tenant(connection, tenant);
            try (PreparedStatement update = connection.prepareStatement(
                    "update mailbox set last_uid = 0, uid_validity = null where id = ?::uuid")) {
                update.setString(1, mailboxId);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("no mailbox " + mailboxId);
                }
            }
        }
    }

    /** The most attempts any mail of the tenant to this address has had. */
    public static int attempts(String tenant, String to) throws SQLException {
        try (Connection connection = io.switchboard.testing.Database.connectAs(Fixtures.ROLE)) {
            tenant(connection, tenant);
            try (PreparedStatement query = connection.prepareStatement("select coalesce(max(attempts), 0) from"
                    + " outbound_mail where tenant_id = ? and lower(to_address) = ?")) {
                query.setString(1, tenant);
                query.setString(2, to.toLowerCase(Locale.ROOT));
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }
    }

    /** Counts the queued mails of a tenant to an address, by status. */
    public static Map<String, Integer> outbound(String tenant, String to) throws SQLException {
        try (Connection connection = io.switchboard.testing.Database.connectAs(Fixtures.ROLE)) {
            tenant(connection, tenant);
            try (PreparedStatement query = connection.prepareStatement("select status, count(*) from outbound_mail"
                    + " where tenant_id = ? and lower(to_address) = ? group by status")) {
                query.setString(1, tenant);
                query.setString(2, to.toLowerCase(Locale.ROOT));
                Map<String, Integer> counts = new LinkedHashMap<>();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return counts;
            }
        }
    }

    private static void tenant(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
            set.setString(1, tenant);
            set.execute();
        }
    }
}
