package dev.shop.platform.problem;

import java.lang.reflect.Method;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The id a client quotes when it reports a problem, so that an operator finds the trace and the logs.
 * In order of preference:
 * <ol>
 * <li>the trace id of the current OpenTelemetry span, when OpenTelemetry is on the classpath and a
 *     span is active (looked up reflectively: services without OpenTelemetry work unchanged);</li>
 * <li>the trace id of the W3C {@code traceparent} request header;</li>
 * <li>the {@code X-Request-Id} request header, when it looks like an id;</li>
 * <li>a new random id in the W3C trace-id format (32 lowercase hex digits).</li>
 * </ol>
 * Never throws.
 */
public final class TraceIds {

    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "X-Request-Id";

    // version "-" trace-id "-" parent-id "-" flags; version ff and an all-zero trace id are invalid.
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("(?!ff)[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");
    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private TraceIds() {
    }

    /**
     * @param requestHeader looks up a request header by name, returning {@code null} when absent
     */
    public static String current(UnaryOperator<String> requestHeader) {
        String fromSpan = OpenTelemetrySpan.currentTraceId();
        if (fromSpan != null) {
            return fromSpan;
        }
        String traceparent = requestHeader.apply(TRACEPARENT);
        if (traceparent != null) {
            var matcher = TRACEPARENT_FORMAT.matcher(traceparent.trim());
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        String requestId = requestHeader.apply(REQUEST_ID);
        if (requestId != null && REQUEST_ID_FORMAT.matcher(requestId).matches()) {
            return requestId;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * {@code Span.current().getSpanContext().getTraceId()}, through reflection so that this library has
     * no dependency on OpenTelemetry: services that add it get real trace ids, the others still work.
     */
    private static final class OpenTelemetrySpan {

        private static final Method CURRENT;
        private static final Method GET_SPAN_CONTEXT;
        private static final Method IS_VALID;
        private static final Method GET_TRACE_ID;

        static {
            Method current = null, getSpanContext = null, isValid = null, getTraceId = null;
            try {
                ClassLoader loader = TraceIds.class.getClassLoader();
                Class<?> span = Class.forName("io.opentelemetry.api.trace.Span", false, loader);
                Class<?> spanContext = Class.forName("io.opentelemetry.api.trace.SpanContext", false, loader);
                current = span.getMethod("current");
                getSpanContext = span.getMethod("getSpanContext");
                isValid = spanContext.getMethod("isValid");
                getTraceId = spanContext.getMethod("getTraceId");
            } catch (ReflectiveOperationException | LinkageError absent) {
                current = null; // OpenTelemetry is not on the classpath
            }
            CURRENT = current;
            GET_SPAN_CONTEXT = getSpanContext;
            IS_VALID = isValid;
            GET_TRACE_ID = getTraceId;
        }

        /** The current span's trace id, or null when there is no valid span or no OpenTelemetry. */
        static String currentTraceId() {
            if (CURRENT == null) {
                return null;
            }
            try {
                Object context = GET_SPAN_CONTEXT.invoke(CURRENT.invoke(null));
                return Boolean.TRUE.equals(IS_VALID.invoke(context)) ? (String) GET_TRACE_ID.invoke(context) : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
