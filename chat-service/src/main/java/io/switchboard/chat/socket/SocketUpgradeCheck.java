package io.switchboard.chat.socket;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.chat.session.VisitorGate;
import io.switchboard.chat.token.ChatTokens;
import io.switchboard.chat.token.ChatTokens.VisitorClaims;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetService;
import io.switchboard.commons.tenant.TenantTasks;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Refuses a WebSocket upgrade before it happens: an agent needs a valid ticket (401); a visitor a valid session token
 * (401), and the page's Origin and the visitor's address must pass the widget's rules (403, with the reason in the
 * {@code X-Refused-Because} header). What it verified travels to the socket in its user data.
 */
@ApplicationScoped
public class SocketUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<String> TENANT = UserData.TypedKey.forString("tenant");
    static final UserData.TypedKey<String> SESSION = UserData.TypedKey.forString("session");
    static final UserData.TypedKey<String> USER = UserData.TypedKey.forString("user");
    static final UserData.TypedKey<String> NAME = UserData.TypedKey.forString("name");

    private final ChatTokens tokens;
    private final WidgetService widgets;
    private final TenantTasks tasks;

    public SocketUpgradeCheck(ChatTokens tokens, WidgetService widgets, TenantTasks tasks) {
        this.tokens = tokens;
        this.widgets = widgets;
        this.tasks = tasks;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return VisitorSocket.ID.equals(endpointId) || AgentSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (AgentSocket.ID.equals(context.endpointId())) {
            return tokens.verifyAgent(request.getParam("ticket"))
                    .map(claims -> {
                        context.userData().put(TENANT, claims.tenantId());
                        context.userData().put(USER, claims.userId());
                        context.userData().put(NAME, claims.name());
                        return CheckResult.permitUpgrade();
                    })
                    .orElseGet(() -> refuse(
                            401,
                            "Open the socket with a ticket from POST"
                                    + " /api/v1/chat/agents/me/socket-ticket, within a minute"));
        }
        VisitorClaims claims = tokens.verifyVisitor(request.getParam("token")).orElse(null);
        if (claims == null) {
            return refuse(401, "Open the socket with the session's token (?token=) from when the chat started");
        }
        String origin = request.getHeader("Origin");
        String address =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return Uni.createFrom()
                .item(() -> tasks.run(
                        claims.tenantId(),
                        () -> widgets.find(claims.tenantId(), claims.widgetId())
                                // an empty string: allowed (a null would empty the Optional)
                                .map(w -> java.util.Objects.toString(refusalOf(w, origin, address), ""))
                                .orElse("The widget no longer exists")))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .invoke(e -> io.quarkus.logging.Log.warnf(e, "Socket check failed"))
                .flatMap(refusal -> {
                    if (!refusal.isEmpty()) {
                        return refuse(403, refusal);
                    }
                    context.userData().put(TENANT, claims.tenantId());
                    context.userData().put(SESSION, claims.sessionId().toString());
                    return CheckResult.permitUpgrade();
                });
    }

    private static String refusalOf(Widget widget, String origin, String address) {
        return VisitorGate.refusal(widget, origin, address);
    }

    private static Uni<CheckResult> refuse(int status, String why) {
        return CheckResult.rejectUpgrade(status, Map.of("X-Refused-Because", List.of(why)));
    }
}
