package dev.shop.gateway.routing;

import java.net.URI;

/**
 * One line of the route table: requests whose path starts with {@code prefix} go to {@code upstream},
 * with {@code prefix} replaced by {@code upstreamPrefix} (by default the same path).
 *
 * @param upstream       the upstream's name, e.g. {@code orders}; names its client, breaker and metrics
 * @param url            scheme, host and port of the upstream
 * @param prefix         public path prefix, e.g. {@code /api/v1/orders}
 * @param upstreamPrefix what the prefix becomes upstream
 * @param anonymousReads whether GET and HEAD are allowed without a token
 */
public record Route(String upstream, URI url, String prefix, String upstreamPrefix, boolean anonymousReads) {

    /** {@code /api/v1/orders} and {@code /api/v1/orders/...}, but not {@code /api/v1/ordersX}. */
    public boolean matches(String path) {
        return path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** The path to ask the upstream for. */
    public String upstreamPath(String path) {
        return upstreamPrefix + path.substring(prefix.length());
    }

    /**
     * A {@code Location} the upstream wrote with its own address ({@code http://127.0.0.1:8082/api/v1/orders/42})
     * rewritten to the public path ({@code /api/v1/orders/42}); any other value is returned unchanged.
     */
    public String publicLocation(String location) {
        String path = location;
        String origin = url.getScheme() + "://" + url.getAuthority();
        if (location.startsWith(origin)) {
            path = location.substring(origin.length());
        } else if (location.contains("://")) {
            return location;
        }
        if (path.startsWith(upstreamPrefix)
                && (path.length() == upstreamPrefix.length() || "/?#".indexOf(path.charAt(upstreamPrefix.length())) >= 0)) {
            return prefix + path.substring(upstreamPrefix.length());
        }
        return location;
    }
}
