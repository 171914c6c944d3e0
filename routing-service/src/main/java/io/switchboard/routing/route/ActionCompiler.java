package io.switchboard.routing.route;

import io.switchboard.routing.catalogue.Catalogue;
import io.switchboard.routing.decision.Action;
import io.switchboard.routing.ivr.MenuView;
import io.switchboard.routing.target.RouteTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns route targets, named as the tenant knows them, into the actions telephony-service executes, with Asterisk
 * ids: menus come expanded with their options, an extension without a next target goes to its voicemail box. A target
 * that no longer exists (an extension deleted since the route was saved) is skipped for its next target; a path
 * deeper than the maximum is cut. Webhook targets are not compiled: they are asked at call setup.
 */
public final class ActionCompiler {

    /** Q.850 16: normal clearing, the end of a menu nobody chose from. */
    public static final int NORMAL_CLEARING = 16;

    private final RoutingData data;
    private final int ringTimeoutSeconds;
    private final int maxDepth;

    public ActionCompiler(RoutingData data, int ringTimeoutSeconds, int maxDepth) {
        this.data = data;
        this.ringTimeoutSeconds = ringTimeoutSeconds;
        this.maxDepth = maxDepth;
    }

    /** The action of {@code target}, or null when neither it nor any of its next targets exists. */
    public Action compile(RouteTarget target) {
        return compile(target, 1);
    }

    private Action compile(RouteTarget t, int depth) {
        if (t == null || depth > maxDepth) {
            return null;
        }
        Catalogue catalogue = data.catalogue();
        return switch (t.type()) {
            case ENDPOINT -> {
                Catalogue.Extension extension = catalogue.extensions().get(t.target());
                yield extension == null
                        ? compile(t.next(), depth + 1)
                        : endpoint(extension, ringOf(t), t.next() == null ? null : compile(t.next(), depth + 1));
            }
            case QUEUE -> {
                Catalogue.Queue queue = catalogue.queues().get(t.target());
                yield queue == null
                        ? compile(t.next(), depth + 1)
                        : new Action.Queue(
                                queue.name(),
                                t.maxWaitSeconds() != null ? t.maxWaitSeconds() : queue.maxWaitTime(),
                                compile(t.next(), depth + 1));
            }
            case EXTERNAL -> {
                Catalogue.Trunk trunk = catalogue.trunks().get(t.trunk());
                yield trunk == null
                        ? compile(t.next(), depth + 1)
                        : new Action.External(t.target(), trunk.endpointId(), ringOf(t), compile(t.next(), depth + 1));
            }
            case VOICEMAIL -> mailbox(t.target()).orElse(null);
            case HANGUP -> new Action.Hangup(t.cause() == null ? NORMAL_CLEARING : t.cause(), t.announcement());
            case IVR ->
                RouteChecker.menuId(t.target())
                        .map(data.menus()::get)
                        .map(menu -> menu(menu, depth))
                        .orElse(null);
            case WEBHOOK -> null;
        };
    }

    private Action menu(MenuView menu, int depth) {
        Map<String, Action> options = new LinkedHashMap<>();
        new TreeMap<>(menu.options()).forEach((key, option) -> {
            Action action = compile(option, depth + 1);
            if (action != null) {
                options.put(key, action); // an option whose target is gone counts as an invalid key
            }
        });
        Action onFailure = compile(menu.onFailure(), depth + 1);
        return new Action.Ivr(
                menu.id().toString(),
                menu.greeting(),
                options,
                menu.timeoutSeconds(),
                menu.maxRetries(),
                menu.invalidPrompt(),
                onFailure != null ? onFailure : new Action.Hangup(NORMAL_CLEARING, null),
                menu.directDial());
    }

    /**
     * What a name means as a destination an external system or a phone can name: an extension number (rings it,
     * then its voicemail box), a queue name or a menu id.
     */
    public Optional<Action> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Catalogue.Extension extension = data.catalogue().extensions().get(name);
        if (extension != null) {
            return Optional.of(endpoint(extension, ringTimeoutSeconds, null));
        }
        Catalogue.Queue queue = data.catalogue().queues().get(name);
        if (queue != null) {
            return Optional.of(new Action.Queue(queue.name(), queue.maxWaitTime(), null));
        }
        return RouteChecker.menuId(name).map(data.menus()::get).map(menu -> menu(menu, 1));
    }

    /** A voicemail box by its number. */
    public Optional<Action> mailbox(String mailbox) {
        return Optional.ofNullable(
                        mailbox == null ? null : data.catalogue().mailboxes().get(mailbox))
                .map(box -> new Action.Voicemail(box.asteriskMailbox()));
    }

    private Action endpoint(Catalogue.Extension extension, int ring, Action next) {
        Action onNoAnswer = next != null
                ? next
                : data.catalogue()
                        .voicemailOf(extension)
                        .<Action>map(box -> new Action.Voicemail(box.asteriskMailbox()))
                        .orElse(null);
        return new Action.Endpoint(extension.endpointId(), ring, onNoAnswer);
    }

    private int ringOf(RouteTarget t) {
        return t.ringTimeoutSeconds() != null ? t.ringTimeoutSeconds() : ringTimeoutSeconds;
    }
}
