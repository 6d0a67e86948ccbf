package dev.shop.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * 413 problem+json for a request whose {@code Content-Length} is over {@code shop.http.max-body-size},
 * before anything is read or forwarded. Runs just before Quarkus' own check of
 * {@code quarkus.http.limits.max-body-size} (which would answer 413 without a body). Bodies without a
 * length (chunked) are counted while they stream: {@link dev.shop.gateway.routing.UpstreamProxy}.
 */
@ApplicationScoped
public class BodyLimit {

    public static final String CODE = "CONTENT_TOO_LARGE";

    private final long maxBytes;

    BodyLimit(GatewayConfig config) {
        this.maxBytes = config.http().maxBodySize().asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            reject(context);
            return;
        }
        context.next();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Answers 413 and closes the connection: the unread body must not be taken for the next request. */
    public void reject(RoutingContext context) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        ProblemResponses.send(context, problem());
    }

    public Problem problem() {
        return Problem.ofHttpStatus(413, CODE, "Content Too Large",
                "The request body is larger than " + maxBytes + " bytes.");
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }
}
