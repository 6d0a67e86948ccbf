package dev.shop.gateway.http;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shop.platform.problem.Problem;
import dev.shop.platform.problem.TraceIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers made by the gateway itself (401, 404, 413, 429, 503, 504...) are written by Vert.x route
 * handlers, outside Quarkus REST and its exception mappers; this gives them the same RFC 9457
 * problem+json body as every service's errors (docs/design.md section 4).
 */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    /** Sends {@code problem}, placed at this request, unless an answer has already begun. */
    public static void send(RoutingContext context, Problem problem) {
        send(context, problem, Map.of());
    }

    /**
     * @param extensions extra members of the problem object, e.g. {@code retryAfterMs}
     */
    public static void send(RoutingContext context, Problem problem, Map<String, Object> extensions) {
        var response = context.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        Problem placed = problem.at(context.request().path(), TraceIds.current(context.request()::getHeader));
        String body;
        try {
            ObjectNode node = JSON.valueToTree(placed);
            extensions.forEach((name, value) -> node.set(name, JSON.valueToTree(value)));
            body = JSON.writeValueAsString(node);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
