package io.switchboard.gateway.proxy;

import io.switchboard.gateway.config.GatewayConfig.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which service serves a path: the route with the longest prefix that is the path or a parent of it. */
final class RouteTable {

    private record Entry(String prefix, String route) {}

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(Map<String, Route> routes) {
        routes.forEach((name, route) -> {
            for (String path : route.paths()) {
                String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                if (!prefix.startsWith("/")) {
                    throw new IllegalStateException(
                            "switchboard.gateway.routes.\"" + name + "\".paths: '" + path + "' must start with /");
                }
                entries.stream()
                        .filter(e -> e.prefix().equals(prefix))
                        .findFirst()
                        .ifPresent(e -> {
                            throw new IllegalStateException(
                                    "The path " + prefix + " is routed both to " + e.route() + " and to " + name);
                        });
                entries.add(new Entry(prefix, name));
            }
        });
        entries.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
    }

    Optional<String> match(String path) {
        for (Entry entry : entries) {
            if (path.equals(entry.prefix()) || path.startsWith(entry.prefix() + "/")) {
                return Optional.of(entry.route());
            }
        }
        return Optional.empty();
    }
}
