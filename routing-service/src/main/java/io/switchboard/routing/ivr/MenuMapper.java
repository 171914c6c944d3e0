package io.switchboard.routing.ivr;

import io.switchboard.commons.api.Times;

/** Menus between their stored, editable and API forms. */
public final class MenuMapper {

    private MenuMapper() {}

    public static MenuView toView(IvrMenu menu) {
        MenuDefinition d = menu.definition;
        return new MenuView(
                menu.id,
                menu.name,
                d.greeting(),
                d.options(),
                d.timeoutSeconds(),
                d.maxRetries(),
                d.invalidPrompt(),
                d.onFailure(),
                d.directDial(),
                Times.utc(menu.createdAt),
                Times.utc(menu.updatedAt),
                menu.version);
    }

    static MenuDraft toDraft(IvrMenu menu) {
        MenuDefinition d = menu.definition;
        return new MenuDraft(
                menu.name,
                d.greeting(),
                d.options(),
                d.timeoutSeconds(),
                d.maxRetries(),
                d.invalidPrompt(),
                d.onFailure(),
                d.directDial());
    }
}
