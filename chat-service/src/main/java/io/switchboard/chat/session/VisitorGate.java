package io.switchboard.chat.session;

import io.switchboard.chat.token.ChatTokens;
import io.switchboard.chat.token.ChatTokens.VisitorClaims;
import io.switchboard.chat.widget.AccessRules;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetService;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The checks in front of every visitor request and socket, on the server (a script can be bypassed): the widget key
 * names an enabled widget, the page's {@code Origin} is one of its allowed domains, the visitor's address is in its
 * IP allow-list; a session token is genuine, unexpired and for this session. Refusals say why.
 */
@ApplicationScoped
public class VisitorGate {

    private final WidgetService widgets;
    private final ChatTokens tokens;
    private final TenantContext tenantContext;

    public VisitorGate(WidgetService widgets, ChatTokens tokens, TenantContext tenantContext) {
        this.widgets = widgets;
        this.tokens = tokens;
        this.tenantContext = tenantContext;
    }

    /** The widget of a key, once origin and address pass; the unit of work then acts for its tenant. */
    public Widget widget(String key, String origin, String address) {
        tenantContext.runAsSystem(null);
        Widget widget = widgets.findByKey(key).orElseThrow(() -> ProblemException.notFound("Widget", key));
        tenantContext.runAsSystem(widget.tenantId);
        check(widget, origin, address);
        return widget;
    }

    /** The claims of a visitor token for {@code sessionId}, once the widget's origin and address rules pass. */
    public VisitorClaims session(String token, UUID sessionId, String origin, String address) {
        VisitorClaims claims = tokens.verifyVisitor(token)
                .filter(c -> sessionId == null || c.sessionId().equals(sessionId))
                .orElseThrow(() -> new ProblemException(
                        ProblemType.UNAUTHORIZED,
                        "Send the session's token (X-Chat-Token) from when the chat started; it may have expired"));
        tenantContext.runAsSystem(claims.tenantId());
        Widget widget = widgets.find(claims.tenantId(), claims.widgetId())
                .orElseThrow(() -> ProblemException.notFound("Session", String.valueOf(claims.sessionId())));
        check(widget, origin, address);
        return claims;
    }

    /** Why a visitor may not use the widget, if they may not; null when they may. */
    public static String refusal(Widget widget, String origin, String address) {
        if (!widget.enabled) {
            return "The widget is disabled";
        }
        if (!AccessRules.originAllowed(widget.config.allowedDomains(), origin)) {
            return origin == null || origin.isBlank()
                    ? "The widget only works on its allowed domains, and the request names no Origin"
                    : "The widget is not allowed on " + origin;
        }
        if (!AccessRules.addressAllowed(widget.config.ipAllowList(), address)) {
            return "The widget does not accept visitors from " + address;
        }
        return null;
    }

    private static void check(Widget widget, String origin, String address) {
        String refusal = refusal(widget, origin, address);
        if (refusal != null) {
            String reason = !widget.enabled
                    ? "widget_disabled"
                    : refusal.contains("address") || refusal.contains("visitors from")
                            ? "ip_not_allowed"
                            : "origin_not_allowed";
            throw new ProblemException(
                    Problem.of(ProblemType.FORBIDDEN, refusal).with("reason", reason));
        }
    }
}
