package io.switchboard.chat.support;

import static io.switchboard.chat.support.Fixtures.as;

import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.testing.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** Whole chats for tests of what comes after them (ratings, tickets, reports). */
public final class Chats {

    private Chats() {}

    /** A chat of the team's agent (online, auto-accept) with a visitor: one answer each way, ended by the agent. */
    public static Visit ended(Team t, Fixtures.Widget widget, String visitorName) {
        Visit visit = active(t, widget, visitorName);
        as(t.agent(), t.tenant())
                .post("/api/v1/chat/sessions/" + visit.sessionId() + "/end")
                .then()
                .statusCode(200);
        return visit;
    }

    /** A chat the team's agent answered: the visitor wrote, the agent answered. */
    public static Visit active(Team t, Fixtures.Widget widget, String visitorName) {
        Fixtures.agent(t.supervisor(), t.tenant(), t.agent(), Map.of("displayName", "Alice", "availability", "online"));
        Visit visit = Fixtures.start(widget.key(), visitorName);
        Fixtures.visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("body", "My parcel is late"))
                .post("/api/v1/chat/public/sessions/" + visit.sessionId() + "/messages")
                .then()
                .statusCode(201);
        as(t.agent(), t.tenant())
                .body(Map.of("body", "Let me check"))
                .post("/api/v1/chat/sessions/" + visit.sessionId() + "/messages")
                .then()
                .statusCode(201);
        return visit;
    }

    /** Runs a statement in the tenant's transaction as chat-service's role (to set up times a test cannot wait for). */
    public static void sql(String tenant, String statement, Object... parameters) {
        try (Connection c = Database.connectAs(Fixtures.ROLE)) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                set.setString(1, tenant);
                set.execute();
            }
            try (PreparedStatement s = c.prepareStatement(statement)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                s.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
