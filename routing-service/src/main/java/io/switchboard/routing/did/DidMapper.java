package io.switchboard.routing.did;

import io.switchboard.commons.api.Times;

/** DIDs between their stored, editable and API forms. */
public final class DidMapper {

    private DidMapper() {}

    public static DidView toView(Did did) {
        return new DidView(
                did.id,
                did.number,
                DidStatus.of(did.status),
                did.description,
                did.route,
                did.smsEnabled,
                did.smsWebhookUrl,
                did.webhookSecret != null,
                Times.utc(did.createdAt),
                Times.utc(did.updatedAt),
                did.version,
                null);
    }

    public static DidDraft toDraft(Did did) {
        return new DidDraft(DidStatus.of(did.status), did.description, did.route, did.smsEnabled, did.smsWebhookUrl);
    }

    static void apply(DidDraft draft, Did did) {
        did.status = draft.status().toString();
        did.description = draft.description() == null || draft.description().isBlank()
                ? null
                : draft.description().strip();
        did.route = draft.route();
        did.routeType =
                draft.route() == null ? null : draft.route().target().type().toString();
        did.smsEnabled = draft.smsEnabled();
        did.smsWebhookUrl = draft.smsWebhookUrl();
    }
}
