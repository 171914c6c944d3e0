package io.switchboard.routing.route;

import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Validation;
import io.switchboard.routing.catalogue.Catalogue;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.did.DidRoute;
import io.switchboard.routing.did.DidView;
import io.switchboard.routing.ivr.MenuView;
import io.switchboard.routing.target.Media;
import io.switchboard.routing.target.PhoneNumbers;
import io.switchboard.routing.target.RouteTarget;
import io.switchboard.routing.target.TargetType;
import io.switchboard.routing.webhook.WebhookTargets;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of route targets, checked when a DID or a menu is saved: each target exists in the tenant (telephony-
 * service's extensions, queues, voicemail boxes and trunks as announced, this service's menus), has only the options
 * of its type, webhooks stand only where routing-service can call them (a DID's own targets), and no path through
 * next targets and menus loops back or passes through more than {@code switchboard.routing.max-depth} targets.
 */
@ApplicationScoped
public class RouteChecker {

    private static final Pattern KEY = Pattern.compile("[0-9*#]");

    private final WebhookTargets webhooks;
    private final RoutingConfig config;

    public RouteChecker(WebhookTargets webhooks, RoutingConfig config) {
        this.webhooks = webhooks;
        this.config = config;
    }

    /** Checks a DID's route; returns it normalized (external numbers in E.164), or null for none. */
    public DidRoute didRoute(DidRoute route, RoutingData data, Validation validation) {
        if (route == null) {
            return null;
        }
        RouteTarget target = target(route.target(), "route.target", true, data, validation);
        RouteTarget closed = target(route.closedTarget(), "route.closedTarget", true, data, validation);
        RouteTarget fallback = target(route.fallback(), "route.fallback", false, data, validation);
        if (route.scheduleId() != null) {
            if (route.closedTarget() == null) {
                validation.add("route.scheduleId", "applies only with a closedTarget");
            } else if (!data.schedules().containsKey(route.scheduleId())) {
                validation.add("route.scheduleId", "no schedule " + route.scheduleId() + " in this tenant");
            }
        }
        boolean webhook = isWebhook(route.target()) || isWebhook(route.closedTarget());
        if (webhook && route.fallback() == null) {
            validation.add("route.fallback", "is required with a webhook target: calls go there when it fails");
        }
        DidRoute normalized = new DidRoute(target, closed, route.scheduleId(), fallback);
        if (!validation.hasErrors()) {
            Set<FieldError> problems = new LinkedHashSet<>();
            walkRoot(normalized.target(), "route.target", data, problems, null);
            walkRoot(normalized.closedTarget(), "route.closedTarget", data, problems, null);
            walkRoot(normalized.fallback(), "route.fallback", data, problems, null);
            problems.forEach(p -> addProblem(p, validation));
        }
        return normalized;
    }

    /** Checks a menu's keys, prompts and targets; returns its options and failure target normalized. */
    public MenuView menu(MenuView menu, RoutingData data, String tenantId, Validation validation) {
        Media.check(menu.greeting(), tenantId, "greeting", validation);
        Media.check(menu.invalidPrompt(), tenantId, "invalidPrompt", validation);
        Map<String, RouteTarget> options = new TreeMap<>();
        menu.options().forEach((key, option) -> {
            if (!KEY.matcher(key).matches()) {
                validation.add("options." + key, "keys are single digits 0-9, * or #");
            }
            options.put(key, target(option, "options." + key, false, data, validation));
        });
        RouteTarget onFailure = target(menu.onFailure(), "onFailure", false, data, validation);
        MenuView normalized = new MenuView(
                menu.id(),
                menu.name(),
                menu.greeting(),
                Map.copyOf(options),
                menu.timeoutSeconds(),
                menu.maxRetries(),
                menu.invalidPrompt(),
                onFailure,
                menu.directDial(),
                menu.createdAt(),
                menu.updatedAt(),
                menu.version());
        if (validation.hasErrors()) {
            return normalized;
        }
        RoutingData changed = data.withMenu(normalized);
        Set<FieldError> problems = new LinkedHashSet<>();
        walkRoot(RouteTarget.of(TargetType.IVR, menu.id().toString()), "", changed, problems, menu.id());
        String key = RouteTarget.of(TargetType.IVR, menu.id().toString()).label();
        // What goes through this menu may now be too long: every DID and every other menu, from where they start.
        for (DidView did : changed.dids()) {
            if (did.route() != null) {
                for (RouteTarget root : roots(did.route())) {
                    walkThrough(root, "DID " + did.number(), key, changed, problems);
                }
            }
        }
        for (MenuView other : changed.menus().values()) {
            if (!other.id().equals(menu.id())) {
                walkThrough(
                        RouteTarget.of(TargetType.IVR, other.id().toString()),
                        "menu '" + other.name() + "'",
                        key,
                        changed,
                        problems);
            }
        }
        problems.forEach(p -> addProblem(p, validation));
        return normalized;
    }

    /** The DIDs and menus that lead to {@code menuId} (what must change before it can be deleted). */
    public List<String> usersOfMenu(UUID menuId, RoutingData data) {
        String key = RouteTarget.of(TargetType.IVR, menuId.toString()).label();
        List<String> users = new ArrayList<>();
        for (DidView did : data.dids()) {
            if (did.route() != null && roots(did.route()).stream().anyMatch(r -> mentions(r, key))) {
                users.add("DID " + did.number());
            }
        }
        for (MenuView menu : data.menus().values()) {
            if (!menu.id().equals(menuId)
                    && (menu.options().values().stream().anyMatch(o -> mentions(o, key))
                            || mentions(menu.onFailure(), key))) {
                users.add("menu '" + menu.name() + "'");
            }
        }
        return users;
    }

    // --- one target ----------------------------------------------------------------------------------------------

    private RouteTarget target(RouteTarget t, String field, boolean top, RoutingData data, Validation validation) {
        if (t == null || t.type() == null) {
            return t;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("target", t.target());
        members.put("trunk", t.trunk());
        members.put("ringTimeoutSeconds", t.ringTimeoutSeconds());
        members.put("maxWaitSeconds", t.maxWaitSeconds());
        members.put("timeoutSeconds", t.timeoutSeconds());
        members.put("cause", t.cause());
        members.put("announcement", t.announcement());
        members.put("next", t.next());
        Set<String> allowed = switch (t.type()) {
            case ENDPOINT -> Set.of("target", "ringTimeoutSeconds", "next");
            case QUEUE -> Set.of("target", "maxWaitSeconds", "next");
            case IVR, VOICEMAIL -> Set.of("target");
            case WEBHOOK -> Set.of("target", "timeoutSeconds");
            case EXTERNAL -> Set.of("target", "trunk", "ringTimeoutSeconds", "next");
            case HANGUP -> Set.of("cause", "announcement");
        };
        members.forEach((name, value) -> {
            if (value != null && !allowed.contains(name)) {
                validation.add(field + "." + name, "does not apply to " + t.type() + " targets");
            }
        });
        if (t.type() != TargetType.HANGUP && (t.target() == null || t.target().isBlank())) {
            validation.add(field + ".target", "is required for " + t.type() + " targets");
            return t;
        }
        Catalogue catalogue = data.catalogue();
        RouteTarget checked = t;
        switch (t.type()) {
            case ENDPOINT ->
                require(
                        catalogue.extensions().containsKey(t.target()),
                        field,
                        "no extension " + t.target() + " in this tenant",
                        validation);
            case QUEUE ->
                require(
                        catalogue.queues().containsKey(t.target()),
                        field,
                        "no queue '" + t.target() + "' in this tenant",
                        validation);
            case VOICEMAIL ->
                require(
                        catalogue.mailboxes().containsKey(t.target()),
                        field,
                        "no voicemail box " + t.target() + " in this tenant",
                        validation);
            case IVR ->
                require(
                        menuId(t.target()).filter(data.menus()::containsKey).isPresent(),
                        field,
                        "no IVR menu " + t.target() + " in this tenant",
                        validation);
            case WEBHOOK -> {
                if (!top) {
                    validation.add(
                            field + ".type",
                            "a webhook can only be a DID's target or closedTarget (it is asked at call setup)");
                } else {
                    String problem = webhooks.problem(t.target());
                    if (problem != null) {
                        validation.add(field + ".target", problem);
                    }
                }
            }
            case EXTERNAL -> {
                Optional<String> number = PhoneNumbers.e164(t.target());
                if (number.isEmpty()) {
                    validation.add(field + ".target", PhoneNumbers.RULE);
                } else {
                    checked = checked.withTarget(number.get());
                }
                if (t.trunk() == null) {
                    validation.add(field + ".trunk", "is required for external targets: the trunk to call out through");
                } else if (!catalogue.trunks().containsKey(t.trunk())) {
                    validation.add(field + ".trunk", "no trunk '" + t.trunk() + "' in this tenant");
                }
            }
            case HANGUP -> {
                if (t.announcement() != null) {
                    String problem = Media.problem(t.announcement(), data.tenantId());
                    if (problem != null) {
                        validation.add(field + ".announcement", problem);
                    }
                }
            }
        }
        if (t.next() != null && t.type().hasNext()) {
            checked = checked.withNext(target(t.next(), field + ".next", false, data, validation));
        }
        return checked;
    }

    private static void require(boolean condition, String field, String message, Validation validation) {
        if (!condition) {
            validation.add(field + ".target", message);
        }
    }

    // --- paths ---------------------------------------------------------------------------------------------------

    /** A loop or an overlong path: the field of the checked object it is reported at, and the targets it passed. */
    private record PathProblem(String field, String message, Set<String> passed, boolean loop) {}

    /**
     * Walks every path from {@code root}, collecting a problem for a loop or a path longer than the maximum. Fields
     * follow the target's own members until the path enters a menu other than {@code ownMenu}; beyond, problems are
     * reported at the field where the path left the checked object.
     */
    private void walkRoot(RouteTarget root, String field, RoutingData data, Set<FieldError> problems, UUID ownMenu) {
        List<PathProblem> found = new ArrayList<>();
        walk(root, field, new ArrayList<>(), data, found, ownMenu, true);
        found.forEach(p -> problems.add(new FieldError(p.field(), p.message())));
    }

    private void walk(
            RouteTarget t,
            String field,
            List<RouteTarget> path,
            RoutingData data,
            List<PathProblem> problems,
            UUID ownMenu,
            boolean own) {
        if (t == null) {
            return;
        }
        if (t.type() != TargetType.HANGUP
                && path.stream().anyMatch(p -> p.label().equals(t.label()))) {
            problems.add(new PathProblem(
                    field,
                    "leads back to " + describe(t, data) + ", a loop: " + describe(path, t, data),
                    labels(path, t),
                    true));
            return;
        }
        if (path.size() + 1 > config.maxDepth()) {
            problems.add(new PathProblem(
                    field,
                    "routes through more than " + config.maxDepth() + " targets: " + describe(path, t, data),
                    labels(path, t),
                    false));
            return;
        }
        path.add(t);
        walk(t.next(), own ? field + ".next" : field, path, data, problems, ownMenu, own);
        if (t.type() == TargetType.IVR) {
            MenuView menu = menuId(t.target()).map(data.menus()::get).orElse(null);
            if (menu != null) {
                boolean inside = own && menu.id().equals(ownMenu) && path.size() == 1;
                String prefix = field.isEmpty() ? "" : field + ".";
                for (Map.Entry<String, RouteTarget> option : new TreeMap<>(menu.options()).entrySet()) {
                    walk(
                            option.getValue(),
                            inside ? prefix + "options." + option.getKey() : field,
                            path,
                            data,
                            problems,
                            ownMenu,
                            inside);
                }
                walk(menu.onFailure(), inside ? prefix + "onFailure" : field, path, data, problems, ownMenu, inside);
            }
        }
        path.remove(path.size() - 1);
    }

    /**
     * Walks from another root and keeps the overlong paths through {@code key} (the changed menu); a loop through it
     * is found from the changed menu itself.
     */
    private void walkThrough(
            RouteTarget root, String rootLabel, String key, RoutingData data, Set<FieldError> problems) {
        List<PathProblem> found = new ArrayList<>();
        walk(root, "", new ArrayList<>(), data, found, null, false);
        for (PathProblem problem : found) {
            if (!problem.loop() && problem.passed().contains(key)) {
                problems.add(new FieldError("options", "with this change, " + rootLabel + " " + problem.message()));
            }
        }
    }

    private static Set<String> labels(List<RouteTarget> path, RouteTarget last) {
        Set<String> labels = new LinkedHashSet<>();
        path.forEach(t -> labels.add(t.label()));
        labels.add(last.label());
        return labels;
    }

    private static boolean mentions(RouteTarget t, String key) {
        return t != null && (t.label().equals(key) || mentions(t.next(), key));
    }

    private static List<RouteTarget> roots(DidRoute route) {
        List<RouteTarget> roots = new ArrayList<>();
        for (RouteTarget root : new RouteTarget[] {route.target(), route.closedTarget(), route.fallback()}) {
            if (root != null) {
                roots.add(root);
            }
        }
        return roots;
    }

    private static void addProblem(FieldError problem, Validation validation) {
        validation.add(problem.field().isEmpty() ? "options" : problem.field(), problem.message());
    }

    private static String describe(List<RouteTarget> path, RouteTarget last, RoutingData data) {
        List<String> labels = new ArrayList<>();
        path.forEach(t -> labels.add(describe(t, data)));
        labels.add(describe(last, data));
        return String.join(" -> ", labels);
    }

    private static String describe(RouteTarget t, RoutingData data) {
        if (t.type() == TargetType.IVR) {
            return menuId(t.target())
                    .map(data.menus()::get)
                    .map(m -> "menu '" + m.name() + "'")
                    .orElse(t.label());
        }
        return t.label();
    }

    static boolean isWebhook(RouteTarget t) {
        return t != null && t.type() == TargetType.WEBHOOK;
    }

    static Optional<UUID> menuId(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
