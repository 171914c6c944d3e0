package io.switchboard.chat.widget;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A widget as the API shows it to the tenant's users. */
public record WidgetView(
        UUID id,
        String widgetKey,
        String name,
        boolean enabled,
        WidgetDraft.Appearance appearance,
        WidgetDraft.Behaviour behaviour,
        WidgetDraft.Routing routing,
        WidgetDraft.Hours businessHours,
        String offlineMessage,
        List<String> allowedDomains,
        List<String> ipAllowList,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static WidgetView of(Widget w) {
        WidgetDraft c = w.config;
        return new WidgetView(
                w.id,
                w.widgetKey,
                w.name,
                w.enabled,
                c.appearance(),
                c.behaviour(),
                c.routing(),
                c.businessHours(),
                c.offlineMessage(),
                c.allowedDomains(),
                c.ipAllowList(),
                w.createdAt,
                w.updatedAt,
                w.version);
    }

    WidgetDraft toDraft() {
        return new WidgetDraft(
                name,
                enabled,
                appearance,
                behaviour,
                routing,
                businessHours,
                offlineMessage,
                allowedDomains,
                ipAllowList);
    }
}
