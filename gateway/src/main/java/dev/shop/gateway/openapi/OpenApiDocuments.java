package dev.shop.gateway.openapi;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.routing.Route;
import dev.shop.gateway.routing.Routes;
import dev.shop.gateway.routing.UpstreamClients;
import dev.shop.platform.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One Swagger UI over every service: {@code GET /openapi/{users,orders,payments,products}} serves that
 * service's OpenAPI document as seen through the gateway, and Swagger UI ({@code /q/swagger-ui}) lists
 * them ({@code quarkus.swagger-ui.urls.*}). Each document is adjusted so that "Try it out" works from the
 * browser:
 * <ul>
 * <li>{@code servers} is the gateway itself ({@code /}), not the service's own port;</li>
 * <li>paths are the public ones ({@code upstream-prefix} becomes {@code prefix}); paths the gateway does not
 *     route (the service's {@code /q/...}) are left out;</li>
 * <li>a {@code keycloak} OAuth2 scheme (authorization code with PKCE, client {@code shop-web}) is added,
 *     so the Authorize button logs in at Keycloak and every call carries the token.</li>
 * </ul>
 */
@ApplicationScoped
public class OpenApiDocuments {

    public static final String PATH = "/openapi/";
    private static final Logger LOG = Logger.getLogger(OpenApiDocuments.class);

    private final Routes routes;
    private final UpstreamClients clients;
    private final GatewayConfig config;

    OpenApiDocuments(Routes routes, UpstreamClients clients, GatewayConfig config) {
        this.routes = routes;
        this.clients = clients;
        this.config = config;
    }

    void register(@Observes Router router) {
        router.get(PATH + ":service").handler(this::serve);
    }

    void serve(RoutingContext context) {
        String service = context.pathParam("service");
        Route route = config.openapi().documents().contains(service) ? routes.byUpstream(service).orElse(null) : null;
        if (route == null) {
            context.next();
            return;
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(config.upstream().get(service).openapiPath() + "?format=json")
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .setIdleTimeout(config.resilience().timeout().toMillis());
        clients.of(service).request(request)
                .compose(sent -> sent.send().compose(response -> response.statusCode() == 200
                        ? response.body()
                        : io.vertx.core.Future.failedFuture("HTTP " + response.statusCode())))
                .onSuccess(body -> context.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(throughGateway(body.toJsonObject(), route).encode()))
                .onFailure(failure -> {
                    LOG.debugf("OpenAPI document of %s unavailable: %s", service, failure.getMessage());
                    context.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
                    ProblemResponses.send(context, Problem.of(503, "UPSTREAM_UNAVAILABLE", "Upstream unavailable",
                            "The OpenAPI document of " + service + " cannot be fetched right now."),
                            Map.of("retryAfterMs", 5000));
                });
    }

    JsonObject throughGateway(JsonObject document, Route route) {
        document.put("servers", new JsonArray().add(new JsonObject()
                .put("url", "/")
                .put("description", "the gateway")));

        JsonObject publicPaths = new JsonObject();
        JsonObject paths = document.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            if (path.equals(route.upstreamPrefix()) || path.startsWith(route.upstreamPrefix() + "/")) {
                publicPaths.put(route.prefix() + path.substring(route.upstreamPrefix().length()), paths.getValue(path));
            }
        }
        document.put("paths", publicPaths);

        String realm = config.openapi().oauthServerUrl();
        JsonObject components = document.getJsonObject("components");
        if (components == null) {
            components = new JsonObject();
            document.put("components", components);
        }
        JsonObject schemes = components.getJsonObject("securitySchemes");
        if (schemes == null) {
            schemes = new JsonObject();
            components.put("securitySchemes", schemes);
        }
        schemes.put("keycloak", new JsonObject()
                .put("type", "oauth2")
                .put("description", "Log in at Keycloak (realm shop), e.g. as alice/alice or admin/admin.")
                .put("flows", new JsonObject().put("authorizationCode", new JsonObject()
                        .put("authorizationUrl", realm + "/protocol/openid-connect/auth")
                        .put("tokenUrl", realm + "/protocol/openid-connect/token")
                        .put("scopes", new JsonObject().put("openid", "OpenID Connect")))));
        if (!document.containsKey("security")) {
            document.put("security", new JsonArray().add(new JsonObject().put("keycloak", new JsonArray())));
        }
        return document;
    }
}
