package io.switchboard.chat.widget;

/**
 * What a visitor's page learns about a widget: how it looks and behaves, what the pre-chat form asks, and whether chats
 * are offered now (else the offline form with {@code offlineMessage}). Never the routing or the access rules.
 */
public record PublicWidgetView(
        String widgetKey,
        String name,
        WidgetDraft.Appearance appearance,
        WidgetDraft.Behaviour behaviour,
        boolean online,
        String offlineMessage) {}
