package dev.shop.gateway.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.gateway.config.GatewayConfig;

/**
 * The route table, read from {@code shop.upstream.<name>.*}: {@code /api/v1/users/**} to user-service,
 * {@code /orders/**} to order-service, {@code /payments/**} to payment-service, {@code /products/**} to
 * inventory-service. The longest matching prefix wins.
 */
@ApplicationScoped
public class Routes {

    private final List<Route> routes;

    Routes(GatewayConfig config) {
        this.routes = config.upstream().entrySet().stream()
                .map(entry -> {
                    GatewayConfig.Upstream upstream = entry.getValue();
                    String prefix = withoutTrailingSlash(upstream.prefix());
                    String upstreamPrefix = withoutTrailingSlash(upstream.upstreamPrefix().orElse(prefix));
                    return new Route(entry.getKey(), upstream.url(), prefix, upstreamPrefix, upstream.anonymousReads());
                })
                .sorted(Comparator.comparingInt((Route route) -> route.prefix().length()).reversed())
                .toList();
    }

    /** @param path the request's normalized path (dot segments resolved) */
    public Optional<Route> match(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> all() {
        return routes;
    }

    public Optional<Route> byUpstream(String name) {
        return routes.stream().filter(route -> route.upstream().equals(name)).findFirst();
    }

    private static String withoutTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
