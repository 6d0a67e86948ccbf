package dev.shop.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer of the gateway carries, whoever wrote it (a proxied service, Swagger UI, a
 * problem made here): the request id, {@code nosniff}, no framing, no referrer, a Content-Security-Policy,
 * HSTS when the request came over TLS, and no {@code Server} or {@code X-Powered-By} banner.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String SWAGGER_UI_PATH = "/q/swagger-ui";

    private final GatewayConfig.Http config;

    SecurityHeaders(GatewayConfig config) {
        this.config = config.http();
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String requestId = RequestIds.of(context);
        context.addHeadersEndHandler(v -> apply(context.request(), context.response(), requestId));
        context.next();
    }

    private void apply(HttpServerRequest request, HttpServerResponse response, String requestId) {
        var headers = response.headers();
        headers.set(RequestIds.HEADER, requestId);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", request.path().startsWith(SWAGGER_UI_PATH)
                ? config.swaggerUiContentSecurityPolicy()
                : config.contentSecurityPolicy());
        if ("https".equals(request.scheme())) {
            headers.set("Strict-Transport-Security", config.strictTransportSecurity());
        }
        headers.remove("Server");
        headers.remove("X-Powered-By");
    }
}
