package io.switchboard.gateway.proxy;

import io.switchboard.gateway.config.GatewayConfig.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service serves a path: the route with the longest prefix that is the path or a parent of it, and whether the
 * path is one of the route's public paths (no token asked by the gateway).
 */
final class RouteTable {

    /** The route serving a path, and whether the path is public. */
    record Match(String route, boolean open) {}

    private record Entry(String prefix, String route, boolean open) {}

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(Map<String, Route> routes) {
        routes.forEach((name, route) -> {
            for (String path : route.paths()) {
                add(name, "paths", path, false);
            }
            for (String path : route.publicPaths().orElse(List.of())) {
                String prefix = prefix(name, "public-paths", path);
                if (route.paths().stream().map(p -> prefix(name, "paths", p)).noneMatch(p -> under(prefix, p))) {
                    throw new IllegalStateException("switchboard.gateway.routes.\"" + name + "\".public-paths: '" + path
                            + "' is not under one of the route's paths " + route.paths());
                }
                add(name, "public-paths", path, true);
            }
        });
        entries.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
    }

    Optional<Match> match(String path) {
        for (Entry entry : entries) {
            if (under(path, entry.prefix())) {
                return Optional.of(new Match(entry.route(), entry.open()));
            }
        }
        return Optional.empty();
    }

    private void add(String route, String property, String path, boolean open) {
        String prefix = prefix(route, property, path);
        entries.stream().filter(e -> e.prefix().equals(prefix)).findFirst().ifPresent(e -> {
            throw new IllegalStateException(
                    "The path " + prefix + " is routed both to " + e.route() + " and to " + route);
        });
        entries.add(new Entry(prefix, route, open));
    }

    private static String prefix(String route, String property, String path) {
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!prefix.startsWith("/")) {
            throw new IllegalStateException(
                    "switchboard.gateway.routes.\"" + route + "\"." + property + ": '" + path + "' must start with /");
        }
        return prefix;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
