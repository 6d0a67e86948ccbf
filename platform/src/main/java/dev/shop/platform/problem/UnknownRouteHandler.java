package dev.shop.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request that matches no route at all, not even a REST resource, is answered by Vert.x, after
 * Quarkus REST has passed it on (so that static files and {@code /q/...} endpoints can still serve
 * it). This makes that answer a problem+json 404 (or 405) instead of Vert.x' plain text.
 */
@ApplicationScoped
public class UnknownRouteHandler {

    private final ObjectMapper json;

    UnknownRouteHandler(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        router.errorHandler(404, context -> answer(context, 404));
        router.errorHandler(405, context -> answer(context, 405));
    }

    private void answer(RoutingContext context, int status) {
        if (context.response().headWritten()) {
            return;
        }
        Problem problem = HttpProblems.of(status, null)
                .at(context.request().path(), TraceIds.current(context.request()::getHeader));
        try {
            context.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(status).end();
        }
    }
}
