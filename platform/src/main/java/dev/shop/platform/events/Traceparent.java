package dev.shop.platform.events;

import java.lang.reflect.Method;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} to store with an outbox row, so the trace of the request that caused an
 * event continues in its consumers. In order of preference: the current OpenTelemetry span (looked up
 * reflectively: this library does not depend on OpenTelemetry), else the {@code traceparent} of the
 * current HTTP request or consumed event, which the caller passes in. Never throws.
 */
public final class Traceparent {

    private static final Pattern FORMAT =
            Pattern.compile("(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    private static final ThreadLocal<String> INHERITED = new ThreadLocal<>();

    private Traceparent() {
    }

    /** The traceparent of the current span, else the one inherited on this thread, else {@code null}. */
    public static String current() {
        String fromSpan = OpenTelemetrySpan.currentTraceparent();
        return fromSpan != null ? fromSpan : INHERITED.get();
    }

    /** The value if it is a well-formed version-00 compatible traceparent, else {@code null}. */
    public static String validOrNull(String value) {
        return value != null && FORMAT.matcher(value.trim()).matches() ? value.trim() : null;
    }

    /**
     * Runs {@code work} with {@code traceparent} (e.g. of the event being consumed, or the request header)
     * as the current one for events written meanwhile on this thread.
     */
    public static void runWith(String traceparent, Runnable work) {
        String previous = INHERITED.get();
        INHERITED.set(validOrNull(traceparent));
        try {
            work.run();
        } finally {
            if (previous == null) {
                INHERITED.remove();
            } else {
                INHERITED.set(previous);
            }
        }
    }

    private static final class OpenTelemetrySpan {

        private static final Method CURRENT;
        private static final Method GET_SPAN_CONTEXT;
        private static final Method IS_VALID;
        private static final Method GET_TRACE_ID;
        private static final Method GET_SPAN_ID;
        private static final Method GET_TRACE_FLAGS;

        static {
            Method current = null, getSpanContext = null, isValid = null, getTraceId = null, getSpanId = null,
                    getTraceFlags = null;
            try {
                ClassLoader loader = Traceparent.class.getClassLoader();
                Class<?> span = Class.forName("io.opentelemetry.api.trace.Span", false, loader);
                Class<?> spanContext = Class.forName("io.opentelemetry.api.trace.SpanContext", false, loader);
                current = span.getMethod("current");
                getSpanContext = span.getMethod("getSpanContext");
                isValid = spanContext.getMethod("isValid");
                getTraceId = spanContext.getMethod("getTraceId");
                getSpanId = spanContext.getMethod("getSpanId");
                getTraceFlags = spanContext.getMethod("getTraceFlags");
            } catch (ReflectiveOperationException | LinkageError absent) {
                current = null;
            }
            CURRENT = current;
            GET_SPAN_CONTEXT = getSpanContext;
            IS_VALID = isValid;
            GET_TRACE_ID = getTraceId;
            GET_SPAN_ID = getSpanId;
            GET_TRACE_FLAGS = getTraceFlags;
        }

        static String currentTraceparent() {
            if (CURRENT == null) {
                return null;
            }
            try {
                Object context = GET_SPAN_CONTEXT.invoke(CURRENT.invoke(null));
                if (!(Boolean) IS_VALID.invoke(context)) {
                    return null;
                }
                Object flags = GET_TRACE_FLAGS.invoke(context);
                String hexFlags = (String) flags.getClass().getMethod("asHex").invoke(flags);
                return "00-" + GET_TRACE_ID.invoke(context) + "-" + GET_SPAN_ID.invoke(context) + "-" + hexFlags;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
