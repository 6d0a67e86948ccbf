package dev.shop.platform.problem;

import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.shop.platform.events.Traceparent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The id a client quotes when it reports a problem, so that an operator finds the trace and the logs.
 * In order of preference:
 * <ol>
 * <li>the trace id of the current OpenTelemetry span, when one is active;</li>
 * <li>the trace id of a valid W3C {@code traceparent} request header (read by {@link Traceparent#parse});</li>
 * <li>the {@code X-Request-Id} request header, when it looks like an id;</li>
 * <li>a new random id in the W3C trace-id format (32 lowercase hex digits).</li>
 * </ol>
 * Never throws.
 */
public final class TraceIds {

    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "X-Request-Id";

    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private TraceIds() {
    }

    /**
     * @param requestHeader looks up a request header by name, returning {@code null} when absent
     */
    public static String current(UnaryOperator<String> requestHeader) {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            return span.getTraceId();
        }
        SpanContext remote = Traceparent.parse(requestHeader.apply(TRACEPARENT));
        if (remote.isValid()) {
            return remote.getTraceId();
        }
        String requestId = requestHeader.apply(REQUEST_ID);
        if (requestId != null && isRequestId(requestId)) {
            return requestId;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** True for a value that is safe to echo and log as a request id (no spaces, no control characters). */
    public static boolean isRequestId(String value) {
        return REQUEST_ID_FORMAT.matcher(value).matches();
    }
}
