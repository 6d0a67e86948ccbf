package dev.shop.gateway.http;

import java.util.UUID;

import org.jboss.logging.MDC;

import dev.shop.platform.problem.TraceIds;
import dev.shop.platform.telemetry.RequestIdLogging;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-Request-Id}: the client's own when it sent a sane one, else a new UUID. It is put back on the
 * request (so upstreams and every problem's {@code traceId} fallback see the same id) and echoed in the
 * response. It is also the {@code requestId} of the gateway's log lines for this request.
 */
public final class RequestIds {

    public static final String HEADER = TraceIds.REQUEST_ID;

    private RequestIds() {
    }

    /** The id of this request, assigned on first call. */
    public static String of(RoutingContext context) {
        String id = context.get(HEADER);
        if (id == null) {
            String sent = context.request().getHeader(HEADER);
            id = sent != null && TraceIds.isRequestId(sent) ? sent : UUID.randomUUID().toString();
            context.request().headers().set(HEADER, id);
            context.put(HEADER, id);
            MDC.put(RequestIdLogging.MDC_KEY, id);
        }
        return id;
    }
}
