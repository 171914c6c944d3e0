package io.switchboard.chat.widget;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets the widget, running in a customer's page, call the visitor API from that page's origin (CORS). Any origin may
 * ask; whether it is served is the widget's allowed domains' business, enforced per request by
 * {@link io.switchboard.chat.session.VisitorGate}, whose refusal the page can then read and show. Only the public
 * visitor paths: the agents' API gets no cross-origin access here (the gateway decides that).
 */
@ApplicationScoped
public class PublicCors {

    static final String PATHS = "/api/v1/chat/public/*";
    // before RESTEasy Reactive and the HTTP security handlers, so that preflights need no credentials
    private static final int ORDER = -200;

    void register(@Observes Router router) {
        router.route(PATHS).order(ORDER).handler(PublicCors::handle);
    }

    static void handle(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (origin == null) {
            rc.next();
            return;
        }
        var headers = rc.response().headers();
        headers.set("Access-Control-Allow-Origin", origin);
        headers.add("Vary", "Origin");
        if (rc.request().method() == HttpMethod.OPTIONS
                && rc.request().getHeader("Access-Control-Request-Method") != null) {
            headers.set("Access-Control-Allow-Methods", "GET, POST");
            headers.set("Access-Control-Allow-Headers", "Content-Type, X-Chat-Token");
            headers.set("Access-Control-Max-Age", "600");
            rc.response().setStatusCode(204).end();
            return;
        }
        headers.set("Access-Control-Expose-Headers", "ETag");
        rc.next();
    }
}
