package dev.shop.platform.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The W3C {@code traceparent} that ties an event to the trace of the work that caused it: stored with each
 * outbox row ({@link #current()}), sent as a Kafka header by the relay, and turned back into a parent context by
 * the consumer ({@link #asParent(String)}), so one order's saga is one trace across HTTP and Kafka.
 */
public final class Traceparent {

    /** The parent of background work: valid but not sampled, so nothing under it is recorded. */
    private static final SpanContext UNTRACED = SpanContext.create("5eed0000000000000000000000000001", "5eed000000000001",
            TraceFlags.getDefault(), TraceState.getDefault());

    private Traceparent() {
    }

    /**
     * Makes the current thread's work untraced until the scope closes: polls and sweeps (the outbox relay, the
     * payment processor, the saga deadline) would otherwise start a new one-span trace with every database call,
     * several per second per service. Spans given an explicit parent (the relay's PRODUCER spans, a payment's PSP
     * call) are unaffected, and {@link #current()} is {@code null} meanwhile, so events appended by such work
     * start a trace of their own.
     */
    public static Scope untraced() {
        return Context.root().with(Span.wrap(UNTRACED)).makeCurrent();
    }

    /** The traceparent of the current span, or {@code null} when no valid span is active. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or {@code null} for an invalid context. */
    public static String of(SpanContext context) {
        if (!context.isValid() || context.getTraceId().equals(UNTRACED.getTraceId())) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /**
     * A context whose parent is the remote span named by {@code traceparent}; {@link Context#root()} when the
     * value is absent or malformed, so the consumer starts a new trace rather than failing.
     */
    public static Context asParent(String traceparent) {
        SpanContext remote = parse(traceparent);
        return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
    }

    /** The remote span a {@code traceparent} value names; an invalid context when it is absent or malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        String[] parts = traceparent.trim().split("-");
        if (parts.length < 4 || parts[0].length() != 2 || "ff".equals(parts[0]) || parts[3].length() != 2
                || !parts[3].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return SpanContext.getInvalid();
        }
        // createFromRemoteParent validates the ids (length, hex, not all zero) and yields an invalid context otherwise.
        return SpanContext.createFromRemoteParent(parts[1], parts[2],
                TraceFlags.fromByte((byte) Integer.parseInt(parts[3], 16)), TraceState.getDefault());
    }
}
