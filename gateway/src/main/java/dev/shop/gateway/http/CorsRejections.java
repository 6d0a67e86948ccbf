package dev.shop.gateway.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.shop.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The CORS refusals as problem+json (docs/design.md section 4). Quarkus' CORS filter ({@code quarkus.http.cors.*})
 * refuses a request from an origin that is neither allowed nor the gateway's own, and a request from an allowed
 * origin whose method is not allowed, with a 403 without a body. This route runs just before that filter and
 * answers exactly those requests itself, with the same 403 as a problem ({@code CORS_REJECTED}); every other
 * request goes on to Quarkus' filter, which adds the CORS headers as before. The checks below are those of
 * Quarkus' {@code CORSFilter}, from the same configuration, so that the two agree.
 */
@ApplicationScoped
public class CorsRejections {

    public static final String CODE = "CORS_REJECTED";

    private final boolean enabled;
    private final boolean anyOrigin;
    private final Set<String> origins;
    private final List<Pattern> originPatterns;
    private final boolean anyMethod;
    private final Set<String> methods;

    CorsRejections(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
            @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods) {
        this.enabled = enabled;
        this.anyOrigin = origins.map(list -> list.size() == 1 && Set.of("*", "/.*/").contains(list.get(0)))
                .orElse(false);
        this.origins = origins.map(Set::copyOf).orElse(Set.of());
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
        this.anyMethod = CORSFilter.isConfiguredWithWildcard(methods);
        this.methods = methods.orElse(List.of()).stream().map(method -> method.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    void register(@Observes Router router) {
        // After SecurityHeaders (ROUTE_ORDER_HEADERS), before Quarkus' CORS filter (route order -300).
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS + 1).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!enabled || origin == null) {
            context.next();
            return;
        }
        boolean listed = anyOrigin || origins.contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin);
        if (!listed && !isSameOrigin(request, origin)) {
            reject(context, "Requests from the origin '" + origin + "' are not allowed.");
        } else if (listed && !anyMethod && !methods.contains(request.method().name())) {
            reject(context, "The method " + request.method().name() + " is not allowed from a browser origin.");
        } else {
            context.next();
        }
    }

    private static void reject(RoutingContext context, String detail) {
        context.response().headers().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        ProblemResponses.send(context, Problem.of(403, CODE, "CORS request refused", detail));
    }

    /** The request's own origin (scheme, host, port), as Quarkus' CORSFilter tells it. */
    static boolean isSameOrigin(HttpServerRequest request, String origin) {
        if (request.host() == null || !origin.startsWith(request.scheme() + "://")) {
            return false;
        }
        if (origin.substring(request.scheme().length() + 3).equals(request.host())) {
            return true;
        }
        URI base;
        URI other;
        try {
            base = URI.create(request.absoluteURI());
            other = URI.create(origin);
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return false;
        }
        if (other.getPath() == null || !other.getPath().isEmpty() || base.getHost() == null
                || !base.getHost().equals(other.getHost())) {
            return false;
        }
        return base.getPort() == other.getPort() || isDefaultPort(base) && isDefaultPort(other);
    }

    private static boolean isDefaultPort(URI uri) {
        int port = uri.getPort();
        return port == -1 || ("http".equals(uri.getScheme()) && port == 80) || ("https".equals(uri.getScheme()) && port == 443);
    }
}
