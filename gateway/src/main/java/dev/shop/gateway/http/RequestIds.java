package dev.shop.gateway.http;

import java.util.UUID;
import java.util.regex.Pattern;

import dev.shop.platform.problem.TraceIds;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-Request-Id}: the client's own when it sent a sane one, else a new UUID. It is put back on the
 * request (so upstreams and every problem's {@code traceId} fallback see the same id) and echoed in the
 * response.
 */
public final class RequestIds {

    public static final String HEADER = TraceIds.REQUEST_ID;

    // The same shape TraceIds accepts: no spaces, no control characters, bounded length.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The id of this request, assigned on first call. */
    public static String of(RoutingContext context) {
        String id = context.get(HEADER);
        if (id == null) {
            String sent = context.request().getHeader(HEADER);
            id = sent != null && ACCEPTED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
            context.request().headers().set(HEADER, id);
            context.put(HEADER, id);
        }
        return id;
    }
}
