package io.switchboard.testing.ari;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A SIP MESSAGE arriving at Asterisk from a PJSIP endpoint (an SMS from a carrier trunk). res_pjsip_messaging turns it
 * into a text message whose {@code from} is the From URI as {@code "Name" <sip:user@host>}, whose {@code to} is the To
 * URI with the scheme {@code pjsip:}, and whose variables are the receiving address, the transport and every SIP
 * header; Stasis hands it to the applications subscribed to the endpoint or its technology as TextMessageReceived.
 *
 * @param endpoint the PJSIP endpoint it arrives on, {@code acme-corp_trunk-carrier1} or {@code PJSIP/...}
 * @param fromName the From display name, or null
 * @param fromUri the From URI, {@code sip:+4930111222@carrier.example}
 * @param toUri the To URI, {@code sip:+4930123456@switchboard.example}
 * @param body the message text
 * @param headers extra SIP headers of the request (they become message variables)
 */
public record InboundText(
        String endpoint, String fromName, String fromUri, String toUri, String body, Map<String, String> headers) {

    public InboundText {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(fromUri, "fromUri");
        Objects.requireNonNull(toUri, "toUri");
        body = body == null ? "" : body;
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    /**
     * A text from {@code from} to {@code to} (numbers as the carrier writes them, e.g. {@code +4930111222}) on the
     * tenant's trunk {@code trunk} (endpoint {@code <tenant>_trunk-<trunk>}).
     */
    public static InboundText fromTrunk(String tenantId, String trunk, String from, String to, String body) {
        return new InboundText(
                tenantId + "_trunk-" + trunk,
                null,
                "sip:" + from + "@carrier.example",
                "sip:" + to + "@switchboard.example",
                body,
                Map.of());
    }

    /** The same text on another endpoint. */
    public InboundText onEndpoint(String endpoint) {
        return new InboundText(endpoint, fromName, fromUri, toUri, body, headers);
    }

    /** The same text with a From display name. */
    public InboundText withFromName(String name) {
        return new InboundText(endpoint, name, fromUri, toUri, body, headers);
    }

    /** TextMessage.from as res_pjsip_messaging writes it: display name quoted, then scheme:user@host without port. */
    String asteriskFrom() {
        String uri = stripBrackets(fromUri);
        int colon = uri.indexOf(':');
        String scheme = colon > 0 ? uri.substring(0, colon) : "sip";
        String rest = uri.substring(colon + 1);
        int params = rest.indexOf(';');
        if (params >= 0) {
            rest = rest.substring(0, params);
        }
        int at = rest.indexOf('@');
        String user = at >= 0 ? rest.substring(0, at) : "";
        String host = at >= 0 ? rest.substring(at + 1) : rest;
        int port = host.lastIndexOf(':');
        if (port >= 0 && !host.endsWith("]")) {
            host = host.substring(0, port);
        }
        String display = fromName == null || fromName.isEmpty() ? "" : "\"" + fromName + "\" ";
        return display + "<" + scheme + ":" + user + "@" + host + ">";
    }

    /** TextMessage.to as res_pjsip_messaging writes it: the To URI without brackets, {@code sip} becoming pjsip. */
    String asteriskTo() {
        String uri = stripBrackets(toUri);
        return uri.startsWith("sip") ? "pj" + uri : "pjsip:" + uri;
    }

    /** The message variables: PJSIP_RECVADDR, PJSIP_TRANSPORT, then every header of the request, by name. */
    Map<String, String> variables(String callId) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PJSIP_RECVADDR", "203.0.113.10:5060");
        vars.put("PJSIP_TRANSPORT", "udp");
        vars.put("Via", "SIP/2.0/UDP 203.0.113.10:5060;rport;branch=z9hG4bK" + callId.substring(0, 8));
        vars.put(
                "From",
                (fromName == null ? "" : "\"" + fromName + "\" ") + "<" + stripBrackets(fromUri) + ">;tag="
                        + callId.substring(9, 13));
        vars.put("To", "<" + stripBrackets(toUri) + ">");
        vars.put("Call-ID", callId);
        vars.put("CSeq", "1 MESSAGE");
        vars.put("Max-Forwards", "70");
        vars.putAll(headers);
        vars.put("Content-Type", "text/plain");
        vars.put("Content-Length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        return vars;
    }

    private static String stripBrackets(String uri) {
        String value = uri.strip();
        int open = value.indexOf('<');
        int close = value.lastIndexOf('>');
        return open >= 0 && close > open ? value.substring(open + 1, close) : value;
    }
}
