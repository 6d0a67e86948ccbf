package dev.shop.platform.telemetry;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.shop.platform.problem.TraceIds;

/**
 * Puts the caller's {@code X-Request-Id} (set by the gateway on every forwarded request) into the logging context
 * as {@code requestId}, next to the {@code traceId} and {@code spanId} that OpenTelemetry adds: every log line of
 * the request carries all three. The MDC lives in the request's Vert.x context, so it does not leak to the next one.
 */
public class RequestIdLogging {

    public static final String MDC_KEY = "requestId";

    @ServerRequestFilter(preMatching = true)
    public void remember(ContainerRequestContext request) {
        String requestId = request.getHeaderString(TraceIds.REQUEST_ID);
        if (requestId != null && TraceIds.isRequestId(requestId)) {
            MDC.put(MDC_KEY, requestId);
        } else {
            MDC.remove(MDC_KEY);
        }
    }
}
