package dev.shop.gateway.http;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.MultiMap;

/**
 * Which headers cross the gateway. End-to-end headers pass in both directions (Authorization,
 * Idempotency-Key, Content-Type, Accept, X-Request-Id, caching headers...); hop-by-hop headers (RFC 9110
 * section 7.6.1) describe one connection and stop here, as does every header the {@code Connection} header
 * names. {@code Host} is the upstream's, and the {@code X-Forwarded-*} headers are set by the gateway, never
 * taken from the client. So are {@code traceparent}/{@code tracestate}: the gateway's server span continues the
 * client's trace, and OpenTelemetry sends the gateway's client span to the upstream, so the trace shows the hop.
 */
public final class ProxyHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");

    private static final Set<String> SET_BY_GATEWAY_ON_REQUEST = Set.of(
            "host", "expect", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "x-forwarded-port", "x-forwarded-prefix", "traceparent", "tracestate");

    private static final Set<String> BANNERS = Set.of("server", "x-powered-by");

    private ProxyHeaders() {
    }

    /** Copies the client's end-to-end headers to the upstream request. */
    public static void copyRequestHeaders(MultiMap from, MultiMap to) {
        Set<String> named = namedByConnection(from);
        from.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !SET_BY_GATEWAY_ON_REQUEST.contains(name) && !named.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /** Copies the upstream's end-to-end headers to the client's response, without version banners. */
    public static void copyResponseHeaders(MultiMap from, MultiMap to) {
        Set<String> named = namedByConnection(from);
        from.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !BANNERS.contains(name) && !named.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    private static Set<String> namedByConnection(MultiMap headers) {
        Set<String> named = new TreeSet<>();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    named.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return named;
    }
}
